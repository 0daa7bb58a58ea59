/**
 * The abstract reply the mock sends, before any wire format: per choice the
 * reasoning, the answer and the tool calls, plus usage. Each format module
 * renders this one object, so every format tells the same story for the same
 * request.
 */
import type { Knobs } from "./knobs.js";
import { createRng, hashSeed, int, pick, type Rng, token } from "./random.js";
import { chop, fixedPieces, makePieces, type Pieces, topicOf } from "./text.js";

/** A tool the request declared (name and JSON-schema parameters). */
export interface ToolSpec {
  name: string;
  parameters?: unknown;
}

/** What a format module reads from the request body. */
export interface RequestView {
  model: string;
  /** Text of the last user message ("" when none). */
  lastUser: string;
  stream: boolean;
  /** The request asks for reasoning (thinking enabled, `think: true`, a reasoning model name). */
  reasoning: boolean;
  tools: ToolSpec[];
  /** Number of choices (`n` / `candidateCount`), 1 for single-reply formats. */
  n: number;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
  /** OpenAI `logprobs: true`. */
  logprobs?: boolean;
  /** Vertex AI `toolConfig.functionCallingConfig.streamFunctionCallArguments`. */
  streamArgs?: boolean;
  /** The request's output-token limit (`max_tokens`, `maxOutputTokens`, `num_predict`, ...). */
  maxTokens?: number;
}

export interface MockToolCall {
  /** A random id body; each format adds its own prefix (`call_`, `toolu_`, ...). */
  key: string;
  name: string;
  /** Compact JSON object text. */
  arguments: string;
  /** `arguments` cut as a provider streams it. */
  pieces: Pieces;
}

export interface MockChoice {
  index: number;
  reasoning: Pieces | null;
  /** The answer; when `refused`, the refusal text (OpenAI formats send it as `refusal`). */
  content: Pieces;
  toolCalls: MockToolCall[];
  refused: boolean;
  /** The request's output-token limit cut the reply short (finish reason `length` and kin). */
  truncated: boolean;
}

export interface MockUsage {
  input: number;
  output: number;
  reasoning: number;
  cached: number;
}

export interface MockReply {
  /** Random id body, e.g. for `chatcmpl-…`. */
  key: string;
  /** Unix seconds, derived from the seed so it repeats. */
  created: number;
  model: string;
  choices: MockChoice[];
  usage: MockUsage;
  /** A seeded PRNG for format-specific details (signatures, durations). */
  rng: Rng;
}

/** Names that ask for reasoning the way real providers' reasoning models do. */
export function modelWantsReasoning(model: string): boolean {
  return /reasoner|(^|[^a-z0-9])r1($|[^0-9])|think|qwq|magistral/i.test(model);
}

const CITIES = ["Paris, France", "Tōkyō, Japan", "São Paulo, Brazil", "Reykjavík, Iceland", "Nairobi, Kenya"];

/** Arguments that fit the declared JSON schema, as far as a mock can tell. */
function fillArguments(rng: Rng, tool: ToolSpec): Record<string, unknown> {
  const schema = tool.parameters as { properties?: Record<string, { type?: string; enum?: unknown[] }> };
  const props = schema && typeof schema === "object" && schema.properties ? schema.properties : null;
  if (!props || Object.keys(props).length === 0) return { location: pick(rng, CITIES), unit: "celsius" };
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    if (Array.isArray(prop?.enum) && prop.enum.length > 0) out[name] = pick(rng, prop.enum);
    else if (prop?.type === "number" || prop?.type === "integer") out[name] = int(rng, 1, 100);
    else if (prop?.type === "boolean") out[name] = rng() < 0.5;
    else if (prop?.type === "array") out[name] = [pick(rng, CITIES)];
    else if (prop?.type === "object") out[name] = {};
    else out[name] = pick(rng, CITIES);
  }
  return out;
}

const REFUSAL = "I'm sorry, but I can't help with that request.";

export const DEFAULT_TOOL: ToolSpec = {
  name: "get_weather",
  parameters: {
    type: "object",
    properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
  },
};

/** The first `k` pieces. */
function take(pieces: Pieces, k: number): Pieces {
  const iterate = function* (): Generator<string> {
    let left = k;
    for (const p of pieces) {
      if (left-- <= 0) return;
      yield p;
    }
  };
  return {
    [Symbol.iterator]: iterate,
    count: Math.min(k, pieces.count),
    text: () => Array.from(iterate()).join(""),
  };
}

/** Stop where a model with `max` output tokens would: reasoning first, then the answer; no tool call. */
function limit(c: MockChoice, max: number): MockChoice {
  let need = (c.reasoning?.count ?? 0) + c.content.count;
  for (const t of c.toolCalls) need += t.pieces.count;
  if (need <= max) return c;
  const reasoning = c.reasoning ? take(c.reasoning, Math.min(c.reasoning.count, max)) : null;
  const content = take(c.content, Math.max(0, max - (reasoning?.count ?? 0)));
  return { ...c, reasoning, content, toolCalls: [], truncated: true };
}

/**
 * Build the reply for a request. It depends only on the route, the model, the
 * last user message and the knobs (seed, length, events, tools, reasoning),
 * never on headers or key order.
 */
export function buildReply(route: string, view: RequestView, knobs: Knobs): MockReply {
  const seed = hashSeed(route, view.model, view.lastUser, String(knobs.seed));
  const rng = createRng(seed);
  const topic = topicOf(view.lastUser);
  const reasoning = knobs.reasoning ?? view.reasoning;
  const tools = knobs.tools === true && view.tools.length === 0 ? [DEFAULT_TOOL] : view.tools;
  const useTools = knobs.tools !== false && tools.length > 0;
  const n = Math.max(1, Math.min(view.n, 8));
  const choices: MockChoice[] = [];
  for (let index = 0; index < n; index++) {
    const sub = hashSeed(String(seed), String(index));
    const sentences = knobs.length ?? int(rng, 3, 5);
    // With `events`, the answer alone fills (almost) all of the requested events.
    const contentSize = knobs.events !== null ? { pieces: Math.max(1, knobs.events - 4) } : { sentences };
    const toolCalls: MockToolCall[] = [];
    if (useTools) {
      const count = tools.length > 1 && rng() < 0.4 ? 2 : 1;
      for (let i = 0; i < count; i++) {
        const tool = tools[(int(rng, 0, tools.length - 1) + i) % tools.length]!;
        const args = JSON.stringify(fillArguments(rng, tool));
        toolCalls.push({
          key: token(rng, 24),
          name: tool.name,
          arguments: args,
          pieces: fixedPieces(chop(rng, args)),
        });
      }
    }
    const refusal = knobs.refusal ? fixedPieces(REFUSAL.split(/(?= )/)) : null;
    const choice: MockChoice = {
      index,
      reasoning: reasoning
        ? makePieces(sub ^ 0x5bd1e995, "reasoning", topic, { sentences: int(rng, 2, 4) })
        : null,
      // A model that calls tools usually says little or nothing first.
      content:
        refusal ??
        (useTools
          ? makePieces(sub, "answer", topic, { sentences: 0 })
          : makePieces(sub, "answer", topic, contentSize)),
      toolCalls: refusal ? [] : toolCalls,
      refused: refusal !== null,
      truncated: false,
    };
    // An explicit `events` knob (a benchmark's big stream) wins over the request's limit.
    const max = knobs.events === null ? view.maxTokens : undefined;
    choices.push(max === undefined ? choice : limit(choice, max));
  }
  let output = 0;
  let reasoningTokens = 0;
  for (const c of choices) {
    reasoningTokens += c.reasoning?.count ?? 0;
    output += c.content.count + (c.reasoning?.count ?? 0);
    for (const t of c.toolCalls) output += t.pieces.count;
  }
  const input = 8 + Math.ceil(view.lastUser.length / 4);
  return {
    key: token(rng, 24),
    created: 1_750_000_000 + (seed % 10_000_000),
    model: view.model,
    choices,
    usage: { input, output, reasoning: reasoningTokens, cached: rng() < 0.3 ? Math.floor(input / 2) : 0 },
    rng,
  };
}
