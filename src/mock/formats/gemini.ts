/**
 * Gemini (`POST /v1beta/models/{model}:streamGenerateContent` and
 * `:generateContent`): one `GenerateContentResponse` per chunk, as `data:`
 * events with `?alt=sse` and as a JSON array without it; thought parts
 * (`thought:true`) with a `thoughtSignature`, whole `functionCall` parts,
 * uppercase `finishReason` and `usageMetadata` on the last chunk.
 * Shapes: ai.google.dev/api/generate-content, ai.google.dev/gemini-api/docs/thinking.
 */
import { int, type Rng, token } from "../random.js";
import type { MockChoice, MockReply, RequestView } from "../reply.js";
import { chop, type Pieces } from "../text.js";
import { interleave, JSON_TYPE, maxTokens, SSE_TYPE, sse, textOf } from "./common.js";
import type { ErrorResponse, MockFormat, RouteContext } from "./types.js";

const ERRORS: Record<number, [status: string, message: string]> = {
  400: ["INVALID_ARGUMENT", "Request contains an invalid argument."],
  401: ["UNAUTHENTICATED", "API key not valid. Please pass a valid API key."],
  403: ["PERMISSION_DENIED", "The caller does not have permission."],
  404: ["NOT_FOUND", "models/unknown is not found for API version v1beta."],
  429: ["RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."],
  500: [
    "INTERNAL",
    "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  ],
  503: ["UNAVAILABLE", "The model is overloaded. Please try again later."],
};

function geminiError(status: number, message?: string): ErrorResponse {
  const [code, text] = ERRORS[status] ?? (status >= 500 ? ERRORS[500]! : ERRORS[400]!);
  return { status, headers: {}, body: { error: { code: status, message: message ?? text, status: code } } };
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function fullUsage(reply: MockReply) {
  const u = reply.usage;
  const answer = u.output - u.reasoning;
  const out: Record<string, number> = {
    promptTokenCount: u.input,
    candidatesTokenCount: answer,
    totalTokenCount: u.input + u.output,
  };
  if (u.cached > 0) out.cachedContentTokenCount = u.cached;
  if (u.reasoning > 0) out.thoughtsTokenCount = u.reasoning;
  return out;
}

/** Pieces grouped the way Gemini sends text: several words per chunk. */
function* groups(rng: Rng, pieces: Pieces): Generator<string> {
  let text = "";
  let left = int(rng, 3, 8);
  for (const p of pieces) {
    text += p;
    if (--left === 0) {
      yield text;
      text = "";
      left = int(rng, 3, 8);
    }
  }
  if (text !== "") yield text;
}

type Candidate = Record<string, unknown>;

/** One candidate's chunks: thoughts, then the answer, then function calls; the last carries `finishReason`. */
/** The `rich` knob's code execution: the code the model ran and what it printed. */
const CODE = [
  { executableCode: { language: "PYTHON", code: "events = 3 + 4\nprint(events)" } },
  { codeExecutionResult: { outcome: "OUTCOME_OK", output: "7\n" } },
];

interface Options {
  rng: Rng;
  signature: string;
  rich: boolean;
  /** Vertex AI `streamFunctionCallArguments`: arguments as `partialArgs` pieces. */
  streamArgs: boolean;
}

/**
 * One function call as Vertex streams it: `{name, willContinue}`, then `partialArgs` by JSON
 * path (strings cut into pieces that say `willContinue`), then an empty `functionCall: {}`.
 */
function vertexCall(rng: Rng, first: Record<string, unknown>, args: Record<string, unknown>): unknown[][] {
  const { functionCall, ...rest } = first as { functionCall: { name: string } };
  const parts: unknown[][] = [[{ ...rest, functionCall: { name: functionCall.name, willContinue: true } }]];
  for (const [key, value] of Object.entries(args)) {
    const jsonPath = /^[A-Za-z_]\w*$/.test(key) ? `$.${key}` : `$['${key}']`;
    const pieces =
      typeof value === "string"
        ? chop(rng, value, 6).map((stringValue, i, all) => ({
            jsonPath,
            stringValue,
            willContinue: i < all.length - 1,
          }))
        : [
            typeof value === "number"
              ? { jsonPath, numberValue: value }
              : typeof value === "boolean"
                ? { jsonPath, boolValue: value }
                : { jsonPath, nullValue: "NULL_VALUE" },
          ];
    for (const p of pieces) {
      const { willContinue, ...arg } = p as { willContinue?: boolean };
      parts.push([
        {
          functionCall: { partialArgs: [willContinue ? { ...arg, willContinue } : arg], willContinue: true },
        },
      ]);
    }
  }
  parts.push([{ functionCall: {} }]);
  return parts;
}

function* candidateChunks(c: MockChoice, o: Options): Generator<Candidate> {
  const { rng, signature, rich } = o;
  const finish = c.truncated ? "MAX_TOKENS" : "STOP";
  const chunk = (parts: unknown[]): Candidate => ({ content: { parts, role: "model" }, index: c.index });
  if (c.reasoning) for (const text of groups(rng, c.reasoning)) yield chunk([{ text, thought: true }]);
  if (rich) for (const part of CODE) yield chunk([part]);
  let signed = c.reasoning === null;
  const calls = c.toolCalls.map((t) => {
    const part: Record<string, unknown> = { functionCall: { name: t.name, args: JSON.parse(t.arguments) } };
    if (!signed) part.thoughtSignature = signature;
    signed = true;
    return part;
  });
  const texts = Array.from(groups(rng, c.content));
  for (let i = 0; i < texts.length; i++) {
    const part: Record<string, unknown> = { text: texts[i] };
    if (!signed) part.thoughtSignature = signature;
    signed = true;
    const last = i === texts.length - 1 && calls.length === 0;
    yield last ? { ...chunk([part]), finishReason: finish } : chunk([part]);
  }
  if (calls.length > 0 && o.streamArgs) {
    const streamed = calls.flatMap((part, i) => vertexCall(rng, part, JSON.parse(c.toolCalls[i]!.arguments)));
    for (let i = 0; i < streamed.length; i++) {
      yield i === streamed.length - 1
        ? { ...chunk(streamed[i]!), finishReason: finish }
        : chunk(streamed[i]!);
    }
  } else if (calls.length > 0) yield { ...chunk(calls), finishReason: finish };
  else if (texts.length === 0) yield { ...chunk([{ text: "" }]), finishReason: finish };
}

function* responses(reply: MockReply, o: Omit<Options, "rng">): Generator<Record<string, unknown>> {
  const head = { modelVersion: reply.model, responseId: reply.key };
  const partial = { promptTokenCount: reply.usage.input, totalTokenCount: reply.usage.input };
  const sources = reply.choices.map((c) => candidateChunks(c, { ...o, rng: reply.rng }));
  let held: Candidate | null = null;
  for (const candidate of interleave(reply.rng, sources)) {
    if (held) yield { candidates: [held], usageMetadata: partial, ...head };
    held = candidate;
  }
  if (held) yield { candidates: [held], usageMetadata: fullUsage(reply), ...head };
}

function viewOf(body: Record<string, unknown>, ctx: RouteContext): RequestView {
  const model = decodeURIComponent(/\/models\/([^/:]+):/.exec(ctx.path)?.[1] ?? "gemini-2.5-flash");
  const contents = Array.isArray(body.contents) ? body.contents : [];
  let lastUser = "";
  for (let i = contents.length - 1; i >= 0; i--) {
    const c = contents[i];
    if (c && typeof c === "object" && (c.role === "user" || c.role === undefined)) {
      lastUser = textOf(c.parts);
      break;
    }
  }
  const toolConfig = (body.toolConfig ?? {}) as {
    functionCallingConfig?: { streamFunctionCallArguments?: unknown };
  };
  const config = (body.generationConfig ?? {}) as {
    maxOutputTokens?: unknown;
    thinkingConfig?: { includeThoughts?: unknown };
    candidateCount?: unknown;
  };
  const tools: { name: string; parameters?: unknown }[] = [];
  for (const t of Array.isArray(body.tools) ? body.tools : []) {
    for (const f of Array.isArray(t?.functionDeclarations) ? t.functionDeclarations : []) {
      if (typeof f?.name !== "string") continue;
      const schema = f.parameters ?? f.parametersJsonSchema;
      tools.push(schema === undefined ? { name: f.name } : { name: f.name, parameters: schema });
    }
  }
  return {
    model,
    lastUser,
    stream: ctx.endpoint === "stream",
    reasoning: config.thinkingConfig?.includeThoughts === true,
    tools,
    n: typeof config.candidateCount === "number" ? config.candidateCount : 1,
    includeUsage: true,
    streamArgs: toolConfig?.functionCallingConfig?.streamFunctionCallArguments === true,
    ...maxTokens(config.maxOutputTokens),
  };
}

export const gemini: MockFormat = {
  name: "gemini",
  method: "POST",
  match: (path) =>
    /\/models\/[^/]+:streamGenerateContent$/.test(path)
      ? "stream"
      : /\/models\/[^/]+:generateContent$/.test(path)
        ? "generate"
        : null,
  read: viewOf,
  contentType: (ctx) => (ctx.query.get("alt") === "sse" ? SSE_TYPE : JSON_TYPE),
  stream(reply, view, ctx) {
    const signature = token(reply.rng, 64, BASE64);
    const asSse = ctx.query.get("alt") === "sse";
    let estimate = 1;
    for (const c of reply.choices)
      estimate += 1 + Math.ceil((c.content.count + (c.reasoning?.count ?? 0)) / 5);
    const framed = function* (): Generator<string> {
      let first = true;
      const streamArgs = view.streamArgs === true;
      for (const r of responses(reply, { signature, rich: ctx.knobs.rich, streamArgs })) {
        yield asSse ? sse(r) : `${first ? "[" : "\n,\r\n"}${JSON.stringify(r)}`;
        first = false;
      }
      if (!asSse) yield first ? "[]" : "\n]";
    };
    const error = geminiError(500).body;
    return {
      events: { [Symbol.iterator]: framed },
      estimate,
      errorEvent: (sent) =>
        asSse ? sse(error) : `${sent === 0 ? "[" : "\n,\r\n"}${JSON.stringify(error)}\n]`,
      comment: asSse ? ": OPENROUTER PROCESSING\n\n" : null,
    };
  },
  json(reply, _view, ctx) {
    const signature = token(reply.rng, 64, BASE64);
    const candidates = reply.choices.map((c) => {
      const parts: Record<string, unknown>[] = [];
      if (c.reasoning) parts.push({ text: c.reasoning.text(), thought: true });
      if (ctx.knobs.rich) parts.push(...CODE);
      const text = c.content.text();
      if (text !== "" || c.toolCalls.length === 0) parts.push({ text });
      for (const t of c.toolCalls)
        parts.push({ functionCall: { name: t.name, args: JSON.parse(t.arguments) } });
      const first = parts.find((p) => !p.thought && ("text" in p || "functionCall" in p));
      if (c.reasoning && first) first.thoughtSignature = signature;
      return {
        content: { parts, role: "model" },
        finishReason: c.truncated ? "MAX_TOKENS" : "STOP",
        index: c.index,
      };
    });
    return { candidates, usageMetadata: fullUsage(reply), modelVersion: reply.model, responseId: reply.key };
  },
  httpError: geminiError,
};
