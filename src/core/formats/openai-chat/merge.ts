/**
 * The OpenAI Chat Completions fold (and every OpenAI-compatible host).
 *
 * `step` takes one parsed event and returns what it added to the reply; `finish` flushes.
 * Pure: no I/O, and it never throws on any input: a wrong shape is skipped or reported as
 * an anomaly, and merging goes on.
 */
import type { StreamEvent } from "../../sse/types.js";
import { anomaly, valueChanged } from "../deltas.js";
import type { Delta } from "../types.js";
import { asArray, asIndex, asRecord, asString } from "../values.js";
import { type ChoiceState, createChoice, flushChoice, foldDelta } from "./choice.js";
import { errorDelta } from "./error.js";
import { collectLogprobs, initLogprobs, type LogprobsState, logprobsMeta } from "./logprobs.js";
import { normaliseUsage } from "./usage.js";
import type { WireChoice, WireChunk } from "./wire.js";

export interface ChatState {
  /** Choices by `index`, in order of first appearance. */
  choices: Map<number, ChoiceState>;
  /** `data: [DONE]` arrived (or a whole non-stream reply was merged). */
  done: boolean;
  /** `finish` ran. */
  finished: boolean;
  model: string | null;
  /** The last value emitted per meta key (as `valueChanged` records it), to emit changes only. */
  meta: Map<string, string>;
  /** JSON of the last usage object emitted: xAI repeats a cumulative usage on every chunk. */
  lastUsage: string | null;
  /** Perplexity's top-level citations already emitted (it repeats them on every chunk). */
  citations: Set<string>;
  /** Token log probabilities per choice, shown once at the end. */
  logprobs: LogprobsState;
}

export function initChat(): ChatState {
  return {
    choices: new Map(),
    done: false,
    finished: false,
    model: null,
    meta: new Map(),
    lastUsage: null,
    citations: new Set(),
    logprobs: initLogprobs(),
  };
}

function meta(state: ChatState, key: string, value: unknown, out: Delta[]): void {
  // Azure's filter chunk carries `"id":""` and `"model":""`: nothing to show.
  if (value === undefined || value === null || value === "") return;
  if (valueChanged(state.meta, key, value)) out.push({ kind: "meta", key, value });
}

function usage(state: ChatState, value: unknown, out: Delta[]): void {
  const normal = normaliseUsage(value);
  if (normal === undefined) return;
  const json = JSON.stringify(value);
  if (state.lastUsage === json) return; // a cumulative repeat adds nothing
  state.lastUsage = json;
  out.push({ kind: "usage", usage: normal, provider: value });
}

function choiceOf(state: ChatState, index: number): ChoiceState {
  let c = state.choices.get(index);
  if (c === undefined) {
    c = createChoice(index, state.model);
    state.choices.set(index, c);
  }
  return c;
}

/** Did Azure's content filter flag anything? Only then is it worth showing. */
function filtered(results: unknown): boolean {
  const r = asRecord(results);
  if (r === undefined) return false;
  return Object.values(r).some((v) => asRecord(v)?.["filtered"] === true);
}

function foldChoice(state: ChatState, raw: unknown, whole: boolean, event: number, out: Delta[]): void {
  const wire = asRecord(raw) as WireChoice | undefined;
  if (wire === undefined) return;
  const c = choiceOf(state, asIndex(wire.index) ?? 0);
  const before = out.length;
  foldDelta(c, whole ? wire.message : wire.delta, whole, event, out);
  collectLogprobs(state.logprobs, c.index, wire.logprobs);
  if (c.finishReason !== null && out.slice(before).some((d) => d.kind !== "anomaly")) {
    out.push(
      anomaly("out-of-order", `choice ${c.index}: data after its finish_reason "${c.finishReason}"`, event),
    );
  }
  if (filtered(wire.content_filter_results))
    meta(state, `content_filter_results[${c.index}]`, wire.content_filter_results, out);

  const reason = asString(wire.finish_reason);
  if (!reason) return;
  if (c.finishReason === null) {
    c.finishReason = reason;
    flushChoice(c, event, out);
    out.push({ kind: "finish", choice: c.index, reason });
  } else if (c.finishReason !== reason) {
    out.push(
      anomaly(
        "second-terminal-event",
        `choice ${c.index}: finish_reason "${reason}" after "${c.finishReason}"; the first is kept`,
        event,
      ),
    );
  }
}

function flushAll(state: ChatState, event: number | undefined, out: Delta[]): void {
  for (const c of state.choices.values()) flushChoice(c, event, out, state.done || c.finishReason !== null);
}

function endOfStream(state: ChatState, event: number, out: Delta[]): void {
  if (state.done) {
    out.push(anomaly("second-terminal-event", "a second end of stream ([DONE] or whole reply)", event));
    return;
  }
  state.done = true;
  flushAll(state, event, out);
  out.push(...logprobsMeta(state.logprobs));
  out.push({ kind: "end" });
}

/** Shared empty list for absent arrays, so the per-event path allocates nothing for them. */
const NONE: readonly unknown[] = [];

/**
 * Can `data` trim to `[DONE]`? Its first character must be `[` or whitespace (which `trim`
 * removes: all of it is below `!` or above `~`), so JSON objects skip the trim.
 */
function maybeDone(data: string): boolean {
  const c = data.charCodeAt(0);
  return c === 91 || c <= 32 || c > 126;
}

/** Fold one event. */
export function stepChat(state: ChatState, event: StreamEvent & { json: unknown }): Delta[] {
  const out: Delta[] = [];
  const at = event.index;
  if (maybeDone(event.data) && event.data.trim() === "[DONE]") {
    endOfStream(state, at, out);
    return out;
  }
  // The pipeline reports data that is not JSON; anything else that is not an object is ours.
  if (event.json === undefined || event.json === null) return out;
  const chunk = asRecord(event.json) as WireChunk | undefined;
  if (chunk === undefined) {
    out.push(
      anomaly("unknown-event-type", `expected a chat.completion.chunk object, got ${typeof event.json}`, at),
    );
    return out;
  }
  if (state.done) out.push(anomaly("data-after-terminal", "data after [DONE]; merged anyway", at));

  const model = asString(chunk.model);
  if (model) state.model = model;
  // Stream-level fields shown as metadata (emitted when they first appear or change). Named
  // reads, not a loop over key names: `chunk[key]` with a varying key is a slow keyed load.
  meta(state, "id", chunk.id, out);
  meta(state, "model", chunk.model, out);
  meta(state, "system_fingerprint", chunk.system_fingerprint, out);
  meta(state, "service_tier", chunk.service_tier, out);
  meta(state, "provider", chunk.provider, out);
  meta(state, "prompt_filter_results", chunk.prompt_filter_results, out);

  const choices = asArray(chunk.choices);
  // A non-stream reply has `message` and no `delta`. Perplexity streams chunks labelled
  // "chat.completion" that carry both (message = the text so far): those are stream chunks.
  const first = asRecord(choices?.[0]);
  const whole =
    first !== undefined &&
    first["delta"] === undefined &&
    (first["message"] !== undefined || chunk.object === "chat.completion");
  for (const choice of choices ?? NONE) foldChoice(state, choice, whole, at, out);

  for (const citation of asArray(chunk.citations) ?? NONE) {
    const key = JSON.stringify(citation);
    if (state.citations.has(key)) continue;
    state.citations.add(key);
    out.push({ kind: "citation", choice: 0, citation });
  }
  if (chunk.error !== undefined && chunk.error !== null) out.push(errorDelta(chunk.error, at));
  // vLLM's own error shape: `{"object":"error","message":...,"type":...,"code":400}`.
  const vllmError = chunk.object === "error";
  if (vllmError) out.push(errorDelta(chunk, at));
  // Groq reports usage in `x_groq.usage` on the last chunk; prefer the standard field when both exist.
  const groq = asRecord(asRecord(chunk.x_groq)?.["usage"]);
  if (asRecord(chunk.usage) !== undefined) usage(state, chunk.usage, out);
  else if (groq !== undefined) usage(state, groq, out);

  const known =
    choices !== undefined ||
    chunk.error !== undefined ||
    vllmError ||
    asRecord(chunk.usage) !== undefined ||
    groq !== undefined ||
    chunk.prompt_filter_results !== undefined;
  if (!known) {
    const keys = Object.keys(chunk).slice(0, 6).join(", ");
    out.push(
      anomaly(
        "unknown-event-type",
        `chunk with no choices, usage or error (keys: ${keys || "none"}); kept`,
        at,
      ),
    );
  }
  if (whole && choices !== undefined) endOfStream(state, at, out);
  return out;
}

/** The body ended: flush held text, and accept a lenient end or report the missing one. */
export function finishChat(state: ChatState): Delta[] {
  const out: Delta[] = [];
  if (state.finished) return out;
  state.finished = true;
  flushAll(state, undefined, out);
  out.push(...logprobsMeta(state.logprobs));
  if (state.done) return out;
  const choices = [...state.choices.values()];
  if (choices.length > 0 && choices.every((c) => c.finishReason !== null)) {
    out.push({
      kind: "end",
      note: "no data: [DONE]; every choice had a finish_reason, so the reply counts as ended",
    });
  } else {
    out.push(
      anomaly(
        "missing-end-signal",
        choices.length === 0
          ? "the body ended without data: [DONE] and without any choice"
          : "the body ended without data: [DONE] and before every choice had a finish_reason",
      ),
    );
  }
  return out;
}
