import { anomaly, segmentDeltas } from "../deltas.js";
import { createThinkTagSplitter, type ThinkSegment, type ThinkTagSplitter } from "../think-tags.js";
import type { Delta } from "../types.js";
import { asArray, asRecord, asString, dig } from "../values.js";
import { checkToolArguments, createToolTable, foldToolCall, type ToolTable } from "./tools.js";
import type { WireContentPart, WireDelta, WireReasoningDetail } from "./wire.js";

/** What the fold keeps for one choice (`choices[].index`). */
export interface ChoiceState {
  index: number;
  /** Splits `<think>` tags out of `content`. */
  splitter: ThinkTagSplitter;
  finishReason: string | null;
  tools: ToolTable;
}

/**
 * Model names whose chat templates put `<think>` in the prompt, so the reply shows only
 * `</think>` (DeepSeek-R1 and its distills, QwQ, the Qwen3 `-Thinking` models). For these
 * the think-tag splitter holds answer text until a tag or the end decides it. Holding
 * delays the live view, so the list is narrow: other "thinking" models on OpenAI-compatible
 * hosts send reasoning in a field, or not at all.
 */
const OPENER_IN_PROMPT = /(^|[^a-z0-9])r1([^a-z0-9]|$)|qwq|qwen3[^/]*thinking/i;

export function createChoice(index: number, model: string | null): ChoiceState {
  const hold = model !== null && OPENER_IN_PROMPT.test(model);
  return {
    index,
    splitter: createThinkTagSplitter({ openerMayBeMissing: hold }),
    finishReason: null,
    tools: createToolTable(),
  };
}

function pushSegments(
  c: ChoiceState,
  segments: ThinkSegment[],
  event: number | undefined,
  out: Delta[],
): void {
  // A loop, not `push(...segmentDeltas())`: this runs on every content delta, and the message
  // prefix is only needed for a stray closing tag.
  for (const s of segments) {
    if (s.kind === "stray-close") out.push(...segmentDeltas([s], c.index, `choice ${c.index}: `, event));
    else if (s.text !== "") out.push({ kind: s.kind, choice: c.index, text: s.text });
  }
}

/** Reasoning arrived in a field of its own: the host splits it, so stop holding answer text. */
function hostReasoning(c: ChoiceState, text: string, event: number, out: Delta[]): void {
  pushSegments(c, c.splitter.release(), event, out);
  if (text !== "") out.push({ kind: "reasoning", choice: c.index, text });
}

/** Mistral/Magistral content parts: text is answer, `thinking` parts are reasoning. */
function foldContentParts(c: ChoiceState, parts: unknown[], event: number, out: Delta[]): void {
  for (const raw of parts) {
    const part = asRecord(raw) as WireContentPart | undefined;
    const type = asString(part?.type);
    if (type === "text") {
      pushSegments(c, c.splitter.push(asString(part?.text) ?? ""), event, out);
    } else if (type === "thinking") {
      const thinking = part?.thinking;
      let text = asString(thinking) ?? "";
      for (const t of asArray(thinking) ?? []) text += asString(asRecord(t)?.["text"]) ?? "";
      hostReasoning(c, text, event, out);
    } else {
      out.push(
        anomaly(
          "unknown-block-type",
          `choice ${c.index}: content part of type ${JSON.stringify(type ?? null)} not merged`,
          event,
        ),
      );
    }
  }
}

/**
 * OpenRouter `reasoning_details`: `reasoning.text` and `reasoning.summary` are readable,
 * `reasoning.encrypted` is redacted. OpenRouter repeats the same text in `delta.reasoning`,
 * so the readable details count only when the delta had no reasoning string of its own.
 */
function foldReasoningDetails(c: ChoiceState, details: unknown[], hadString: boolean, out: Delta[]): string {
  let text = "";
  for (const raw of details) {
    const d = asRecord(raw) as WireReasoningDetail | undefined;
    const type = asString(d?.type);
    if (type === "reasoning.text") text += asString(d?.text) ?? "";
    else if (type === "reasoning.summary") text += asString(d?.summary) ?? "";
    else if (type === "reasoning.encrypted") {
      const data = asString(d?.data);
      out.push(
        data !== undefined
          ? { kind: "reasoning-redacted", choice: c.index, data }
          : { kind: "reasoning-redacted", choice: c.index },
      );
    }
    const signature = asString(d?.signature);
    if (signature) out.push({ kind: "signature", choice: c.index, signature });
  }
  return hadString ? "" : text;
}

/** Fold a `delta` (stream) or `message` (non-stream, `whole`) into its choice. */
export function foldDelta(c: ChoiceState, raw: unknown, whole: boolean, event: number, out: Delta[]): void {
  const d = asRecord(raw) as WireDelta | undefined;
  if (d === undefined) return;

  // Reasoning first: hosts stream it before the answer, and it releases held answer text.
  const rc = asString(d.reasoning_content) ?? "";
  const r = asString(d.reasoning) ?? "";
  // vLLM during the rename sent both names with the same text: count it once.
  let reasoning = rc === r ? rc : rc + r;
  const details = asArray(d.reasoning_details);
  if (details !== undefined) reasoning += foldReasoningDetails(c, details, reasoning !== "", out);
  if (reasoning !== "" || details !== undefined) hostReasoning(c, reasoning, event, out);

  const content = d.content;
  if (typeof content === "string") pushSegments(c, c.splitter.push(content), event, out);
  else if (Array.isArray(content)) foldContentParts(c, content, event, out);

  const refusal = asString(d.refusal);
  if (refusal) out.push({ kind: "refusal", choice: c.index, text: refusal });

  // The optional fields are checked before reading them: most deltas carry none of them.
  const annotations = asArray(d.annotations);
  if (annotations !== undefined)
    for (const citation of annotations) out.push({ kind: "citation", choice: c.index, citation });

  // Gemini's OpenAI endpoint puts the thought signature beside the text it belongs to.
  if (d.extra_content !== undefined) {
    const signature = asString(dig(d.extra_content, "google", "thought_signature"));
    if (signature) out.push({ kind: "signature", choice: c.index, signature });
  }

  const calls = asArray(d.tool_calls);
  if (calls !== undefined) for (const call of calls) foldToolCall(c.tools, c.index, call, whole, event, out);
  const fc = asRecord(d.function_call);
  if (fc !== undefined) foldToolCall(c.tools, c.index, { function: fc }, whole, event, out);
}

/**
 * Flush held answer text and check tool arguments: the choice (or the stream) is over.
 * Safe to call again: text that arrives after a flush is flushed by the next call.
 */
export function flushChoice(
  c: ChoiceState,
  event: number | undefined,
  out: Delta[],
  checkTools = true,
): void {
  pushSegments(c, c.splitter.finish(), event, out);
  // Only a finished call's arguments must be JSON: a cut stream's last call is just unfinished.
  if (checkTools) checkToolArguments(c.tools, c.index, event, out);
}
