/**
 * The OpenAI-compatible hosts' dialects of Chat Completions streaming (the
 * `host` knob): where each puts reasoning, how it reports usage, and the
 * extra fields it adds. Shapes from ../shared/FORMATS.md:
 * - `openai`/`deepseek`: `delta.reasoning_content` (DeepSeek's reasoning models)
 * - `vllm`, `groq`: `delta.reasoning`; Groq adds `x_groq.usage` to the last chunk
 * - `openrouter`: `delta.reasoning` + `delta.reasoning_details[]`, a `provider` field
 * - `think-tags`: `<think>…</think>` inside `content` (R1 distills without a reasoning
 *   parser), with the tags split across events; `r1`: the same without the opening tag
 * - `xai`: a cumulative `usage` on every chunk
 * - `mistral`: `delta.content` as an array of `thinking` / `text` parts
 * - `azure`: a first chunk with empty `choices` and `prompt_filter_results`, and
 *   `content_filter_results` on every choice
 */
import type { Rng } from "../random.js";
import type { MockChoice } from "../reply.js";

export const OPENAI_HOSTS = [
  "openai",
  "deepseek",
  "vllm",
  "openrouter",
  "think-tags",
  "r1",
  "groq",
  "xai",
  "mistral",
  "azure",
] as const;
export type OpenAIHost = (typeof OPENAI_HOSTS)[number];

/** One delta of one choice, with what it counts for usage. */
export interface Step {
  delta: Record<string, unknown>;
  finish: string | null;
  /** Output tokens this delta carries (tags and role chunks carry none). */
  tokens: number;
  reasoning: boolean;
  /** The answer text it carries, for logprobs. */
  text?: string;
}

export const finishOf = (c: MockChoice) =>
  c.truncated ? "length" : c.toolCalls.length > 0 ? "tool_calls" : "stop";

const step = (delta: Record<string, unknown>, tokens = 1, reasoning = false): Step => ({
  delta,
  finish: null,
  tokens,
  reasoning,
});

function* reasoningSteps(pieces: Iterable<string>, host: OpenAIHost): Generator<Step> {
  if (host === "think-tags" || host === "r1") {
    // Tags straddle events on purpose: a splitter must hold a partial tag back.
    if (host === "think-tags") {
      yield step({ content: "<th" }, 0);
      yield step({ content: "ink>\n" }, 0);
    }
    for (const piece of pieces) yield step({ content: piece }, 1, true);
    yield step({ content: "\n</thi" }, 0);
    yield step({ content: "nk>\n\n" }, 0);
    return;
  }
  for (const piece of pieces) {
    switch (host) {
      case "vllm":
      case "groq":
        yield step({ reasoning: piece }, 1, true);
        break;
      case "openrouter":
        yield step(
          {
            content: "",
            reasoning: piece,
            reasoning_details: [{ type: "reasoning.text", text: piece, format: "unknown", index: 0 }],
          },
          1,
          true,
        );
        break;
      case "mistral":
        yield step({ content: [{ type: "thinking", thinking: [{ type: "text", text: piece }] }] }, 1, true);
        break;
      default:
        yield step({ reasoning_content: piece }, 1, true);
    }
  }
}

/** The deltas of one choice, in the host's dialect. */
export function* choiceSteps(c: MockChoice, host: OpenAIHost): Generator<Step> {
  yield step({ role: "assistant", content: "", refusal: null }, 0);
  if (c.reasoning) yield* reasoningSteps(c.reasoning, host);
  if (c.refused) {
    for (const piece of c.content) yield step({ refusal: piece });
    yield { ...step({}, 0), finish: finishOf(c) };
    return;
  }
  const parts = host === "mistral" && c.reasoning !== null;
  for (const piece of c.content) {
    yield { ...step({ content: parts ? [{ type: "text", text: piece }] : piece }), text: piece };
  }
  for (let index = 0; index < c.toolCalls.length; index++) {
    const t = c.toolCalls[index]!;
    const first = { index, id: `call_${t.key}`, type: "function", function: { name: t.name, arguments: "" } };
    yield step({ tool_calls: [first] }, 0);
    for (const piece of t.pieces) yield step({ tool_calls: [{ index, function: { arguments: piece } }] });
  }
  yield { ...step({}, 0), finish: finishOf(c) };
}

const SAFE = {
  hate: { filtered: false, severity: "safe" },
  self_harm: { filtered: false, severity: "safe" },
  sexual: { filtered: false, severity: "safe" },
  violence: { filtered: false, severity: "safe" },
};

/** Azure's first chunk: no choices, only the prompt's filter results. */
export const azurePrelude = {
  choices: [],
  created: 0,
  id: "",
  model: "",
  object: "",
  prompt_filter_results: [{ prompt_index: 0, content_filter_results: SAFE }],
};

/** Per-choice fields a host adds to a chunk's choice. */
export function choiceExtras(host: OpenAIHost, s: Step): Record<string, unknown> {
  if (host !== "azure" || s.delta.role !== undefined) return {};
  return { content_filter_results: s.finish === null ? SAFE : {} };
}

/** A logprobs entry for one answer piece. */
export function logprobsFor(rng: Rng, text: string) {
  const token = {
    token: text,
    logprob: -Math.round(rng() * 20000) / 10000,
    bytes: [...Buffer.from(text)],
    top_logprobs: [],
  };
  return { content: [token], refusal: null };
}

/** Groq's `x_groq` block with timing figures consistent with the token counts. */
export function groqUsage(id: string, input: number, output: number, rng: Rng) {
  const promptTime = Math.round(input * 40 + rng() * 100) / 100_000;
  const completionTime = Math.round(output * 400 + rng() * 100) / 100_000;
  return {
    id: `req_${id}`,
    usage: {
      queue_time: Math.round(rng() * 5000) / 100_000,
      prompt_tokens: input,
      prompt_time: promptTime,
      completion_tokens: output,
      completion_time: completionTime,
      total_tokens: input + output,
      total_time: Math.round((promptTime + completionTime) * 100_000) / 100_000,
    },
  };
}
