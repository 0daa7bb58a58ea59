/**
 * The official SDKs as oracles: each function sends one request through the
 * SDK and folds the reply with the SDK's own accumulator where it has one,
 * returning the fields sselens's report has (content, reasoning, tool calls,
 * finish reason, usage). Where an SDK is lossy, the comment says so and the
 * fold falls back to the SDK's own parsed events (see README.md).
 */
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import { CohereClientV2 } from "cohere-ai";
import { Ollama } from "ollama";
import OpenAI from "openai";

export interface OracleCall {
  id: string | null;
  name: string | null;
  /** Parsed: formats differ in string vs object, so arguments are compared as JSON values. */
  arguments: unknown;
  /** The argument string exactly as the SDK assembled it, for formats that stream a string. */
  raw?: string;
}

export interface OracleChoice {
  index: number;
  content: string;
  reasoning: string | null;
  toolCalls: OracleCall[];
  finishReason: string | null;
  /** Checked when the oracle knows them (formats with citations, steps or redacted reasoning). */
  citations?: unknown[];
  stepKinds?: string[];
  reasoningRedacted?: boolean;
  refusal?: string | null;
  /** Opaque reasoning signatures (Anthropic thinking, Gemini thoughtSignature), in order. */
  signatures?: string[];
}

export interface Oracle {
  choices: OracleChoice[];
  /** The usage object as the SDK holds it at the end. */
  usage: Record<string, unknown> | null;
  /** Output token count in the SDK's usage (each format names it differently). */
  outputTokens: number | null;
  /** Notes on what the SDK got wrong, for the test log. */
  notes: string[];
}

export const parse = (s: string): unknown => (s === "" ? {} : JSON.parse(s));

export async function openaiResponsesOracle(
  baseURL: string,
  headers: Record<string, string>,
  body: OpenAI.Responses.ResponseCreateParamsStreaming,
): Promise<Oracle> {
  const client = new OpenAI({ baseURL, apiKey: "sk-mock", maxRetries: 0, defaultHeaders: headers });
  const final = await client.responses.stream(body).finalResponse();
  let reasoning: string | null = null;
  const toolCalls: OracleCall[] = [];
  const citations: unknown[] = [];
  const stepKinds: string[] = [];
  let refusal: string | null = null;
  for (const item of final.output) {
    if (item.type === "web_search_call") stepKinds.push(item.type);
    if (item.type === "message") {
      for (const part of item.content) {
        if (part.type === "output_text") citations.push(...part.annotations);
        else refusal = (refusal ?? "") + part.refusal;
      }
    }
    if (item.type === "reasoning") {
      const raw = (item.content ?? []).map((c) => c.text).join("");
      reasoning = (reasoning ?? "") + item.summary.map((s) => s.text).join("") + raw;
    }
    if (item.type === "function_call")
      toolCalls.push({
        id: item.call_id,
        name: item.name,
        arguments: parse(item.arguments),
        raw: item.arguments,
      });
  }
  const usage = (final.usage ?? null) as Record<string, unknown> | null;
  return {
    choices: [
      {
        index: 0,
        content: final.output_text,
        reasoning,
        toolCalls,
        finishReason: final.status ?? null,
        citations,
        stepKinds,
        refusal,
      },
    ],
    usage,
    outputTokens: final.usage?.output_tokens ?? null,
    notes: [],
  };
}

export async function anthropicOracle(
  baseURL: string,
  headers: Record<string, string>,
  body: Anthropic.MessageStreamParams,
): Promise<Oracle> {
  const client = new Anthropic({ baseURL, apiKey: "sk-ant-mock", maxRetries: 0, defaultHeaders: headers });
  const final = await client.messages.stream(body).finalMessage();
  let content = "";
  let reasoning: string | null = null;
  const toolCalls: OracleCall[] = [];
  const citations: unknown[] = [];
  const stepKinds: string[] = [];
  const signatures: string[] = [];
  let reasoningRedacted = false;
  for (const block of final.content) {
    if (block.type === "text") {
      content += block.text;
      citations.push(...(block.citations ?? []));
    }
    if (block.type === "thinking") {
      reasoning = (reasoning ?? "") + block.thinking;
      signatures.push(block.signature);
    }
    if (block.type === "redacted_thinking") reasoningRedacted = true;
    // Server tools (web search) are calls too, in block order, as sselens lists them.
    if (block.type === "tool_use" || block.type === "server_tool_use") {
      toolCalls.push({ id: block.id, name: block.name, arguments: block.input });
    }
    if (block.type === "web_search_tool_result") stepKinds.push(block.type);
  }
  return {
    choices: [
      {
        index: 0,
        content,
        reasoning,
        toolCalls,
        finishReason: final.stop_reason,
        citations,
        stepKinds,
        reasoningRedacted,
        signatures,
      },
    ],
    usage: final.usage as unknown as Record<string, unknown>,
    outputTokens: final.usage.output_tokens,
    notes: [],
  };
}

/**
 * @google/genai has no stream accumulator: `generateContentStream` yields parsed
 * `GenerateContentResponse` chunks. The oracle folds those parsed chunks (parts by
 * candidate index, thought parts apart) and takes the last `usageMetadata`.
 */
export async function geminiOracle(
  baseUrl: string,
  headers: Record<string, string>,
  model: string,
  config: Record<string, unknown>,
  contents: string,
): Promise<Oracle> {
  const ai = new GoogleGenAI({
    apiKey: "mock",
    httpOptions: { baseUrl, headers, retryOptions: { attempts: 1 } },
  });
  const byIndex = new Map<number, OracleChoice>();
  let usage: Record<string, unknown> | null = null;
  for await (const chunk of await ai.models.generateContentStream({ model, contents, config })) {
    for (const cand of chunk.candidates ?? []) {
      const index = cand.index ?? 0;
      const choice = byIndex.get(index) ?? {
        index,
        content: "",
        stepKinds: [],
        signatures: [],
        reasoning: null,
        toolCalls: [],
        finishReason: null,
      };
      byIndex.set(index, choice);
      for (const part of cand.content?.parts ?? []) {
        if (part.thought && part.text !== undefined) choice.reasoning = (choice.reasoning ?? "") + part.text;
        else if (part.text !== undefined) choice.content += part.text;
        // sselens names Gemini's code-execution parts as steps in snake case.
        if (part.thoughtSignature) choice.signatures?.push(part.thoughtSignature);
        if (part.executableCode) choice.stepKinds?.push("executable_code");
        if (part.codeExecutionResult) choice.stepKinds?.push("code_execution_result");
        if (part.functionCall) {
          choice.toolCalls.push({
            id: part.functionCall.id ?? null,
            name: part.functionCall.name ?? null,
            arguments: part.functionCall.args ?? {},
          });
        }
      }
      if (cand.finishReason) choice.finishReason = cand.finishReason;
    }
    if (chunk.usageMetadata) usage = { ...chunk.usageMetadata } as Record<string, unknown>;
  }
  const choices = [...byIndex.values()].sort((a, b) => a.index - b.index);
  return {
    choices,
    usage,
    // sselens's usage.output counts thoughts too (Gemini's candidatesTokenCount leaves them out).
    outputTokens: geminiOutput(usage),
    notes: [],
  };
}

function geminiOutput(usage: Record<string, unknown> | null): number | null {
  const answer = usage?.["candidatesTokenCount"] as number | undefined;
  const thoughts = usage?.["thoughtsTokenCount"] as number | undefined;
  return answer === undefined && thoughts === undefined ? null : (answer ?? 0) + (thoughts ?? 0);
}

/** The ollama client yields parsed lines; the oracle folds them (it has no accumulator either). */
export async function ollamaOracle(
  host: string,
  headers: Record<string, string>,
  request: { endpoint: "chat" | "generate"; body: Record<string, unknown> },
): Promise<Oracle> {
  const ollama = new Ollama({ host, headers });
  const choice: OracleChoice = { index: 0, content: "", reasoning: null, toolCalls: [], finishReason: null };
  let usage: Record<string, unknown> | null = null;
  const addThinking = (t: string | undefined) => {
    if (t) choice.reasoning = (choice.reasoning ?? "") + t;
  };
  const done = (part: {
    done: boolean;
    done_reason: string;
    prompt_eval_count: number;
    eval_count: number;
  }) => {
    if (!part.done) return;
    choice.finishReason = part.done_reason;
    usage = { prompt_eval_count: part.prompt_eval_count, eval_count: part.eval_count };
  };
  if (request.endpoint === "chat") {
    const stream = await ollama.chat({
      ...(request.body as unknown as Parameters<Ollama["chat"]>[0]),
      stream: true,
    });
    for await (const part of stream) {
      choice.content += part.message.content;
      addThinking(part.message.thinking);
      for (const t of part.message.tool_calls ?? []) {
        const id = (t as { id?: string }).id ?? null;
        choice.toolCalls.push({ id, name: t.function.name, arguments: t.function.arguments });
      }
      done(part);
    }
  } else {
    const stream = await ollama.generate({
      ...(request.body as unknown as Parameters<Ollama["generate"]>[0]),
      stream: true,
    });
    for await (const part of stream) {
      choice.content += part.response;
      addThinking(part.thinking);
      done(part);
    }
  }
  const u = usage as Record<string, unknown> | null;
  return {
    choices: [choice],
    usage: u,
    outputTokens: (u?.eval_count as number | undefined) ?? null,
    notes: [],
  };
}

/** cohere-ai has no accumulator: the oracle folds the SDK's typed, parsed events. */
export async function cohereOracle(
  baseUrl: string,
  headers: Record<string, string>,
  request: Parameters<CohereClientV2["chatStream"]>[0],
): Promise<Oracle> {
  const cohere = new CohereClientV2({ token: "mock", environment: baseUrl });
  const choice: OracleChoice = {
    index: 0,
    content: "",
    reasoning: null,
    toolCalls: [],
    finishReason: null,
    citations: [],
  };
  let usage: Record<string, unknown> | null = null;
  let outputTokens: number | null = null;
  let planStarted = false;
  for await (const event of await cohere.chatStream(request, { headers, maxRetries: 0 })) {
    if (event.type === "content-delta") {
      const c = event.delta?.message?.content;
      if (c?.text !== undefined) choice.content += c.text;
      if (c?.thinking !== undefined) choice.reasoning = (choice.reasoning ?? "") + c.thinking;
    } else if (event.type === "citation-start") {
      const citation = event.delta?.message?.citations;
      if (citation) choice.citations = [...(choice.citations ?? []), citation];
    } else if (event.type === "tool-plan-delta") {
      // The tool plan is Cohere's "chain-of-thought style reflection and plan": sselens shows it as
      // reasoning, a paragraph of its own after any thinking.
      const plan = event.delta?.message?.toolPlan ?? "";
      const afterThinking = choice.reasoning !== null && !planStarted;
      if (plan !== "") planStarted = true;
      choice.reasoning = (choice.reasoning ?? "") + (afterThinking && plan !== "" ? `\n\n${plan}` : plan);
    } else if (event.type === "tool-call-start") {
      const t = event.delta?.message?.toolCalls;
      choice.toolCalls.push({
        id: t?.id ?? null,
        name: t?.function?.name ?? null,
        arguments: t?.function?.arguments ?? "",
      });
    } else if (event.type === "tool-call-delta") {
      const last = choice.toolCalls.at(-1);
      if (last)
        last.arguments = `${last.arguments as string}${event.delta?.message?.toolCalls?.function?.arguments ?? ""}`;
    } else if (event.type === "message-end") {
      choice.finishReason = event.delta?.finishReason ?? null;
      usage = (event.delta?.usage ?? null) as Record<string, unknown> | null;
      outputTokens = event.delta?.usage?.billedUnits?.outputTokens ?? null;
    }
  }
  for (const t of choice.toolCalls) t.arguments = parse(t.arguments as string);
  return { choices: [choice], usage, outputTokens, notes: [] };
}
