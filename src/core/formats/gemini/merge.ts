/**
 * The Gemini fold: each event is one `GenerateContentResponse` chunk (an SSE `data:` with
 * `alt=sse`, or one element of the JSON-array body without it). Chunks are independent deltas:
 * parts append, `finishReason` ends a candidate, `usageMetadata` replaces the previous one.
 *
 * End signal: every candidate seen has a `finishReason`, or the prompt was blocked
 * (`promptFeedback.blockReason`, reported as an error). Pure: no I/O, never throws.
 */
import type { StreamEvent } from "../../sse/types.js";
import { anomaly, valueChanged } from "../deltas.js";
import type { Delta, MergeContext } from "../types.js";
import { asIndex, asNumber, asRecord, asString } from "../values.js";
import { applyPart, type CandidateState, newCandidate } from "./parts.js";
import type { WireCandidate, WireChunk } from "./wire.js";

export interface GeminiState {
  candidates: Map<number, CandidateState>;
  /** The end signal has been emitted. */
  ended: boolean;
  /** Per-candidate safety ratings and grounding metadata, shown in `meta`. */
  safety: Record<string, unknown>;
  grounding: Record<string, unknown>;
  /** Last `meta` values sent, so unchanged repeats in every chunk add nothing. */
  sent: Map<string, string>;
}

export function initGemini(_ctx: MergeContext): GeminiState {
  return { candidates: new Map(), ended: false, safety: {}, grounding: {}, sent: new Map() };
}

/** A meta delta, only when the value differs from the last one sent under `key`. */
function meta(state: GeminiState, key: string, value: unknown): Delta[] {
  return valueChanged(state.sent, key, value) ? [{ kind: "meta", key, value }] : [];
}

/**
 * Per-candidate metadata (`safetyRatings`, `groundingMetadata`) shown in `meta` as one record
 * keyed by candidate index. Gemini repeats it in every chunk: only a change is sent.
 */
function candidateMeta(
  state: GeminiState,
  key: "safetyRatings" | "groundingMetadata",
  choice: number,
  value: unknown,
): Delta[] {
  const store = key === "safetyRatings" ? state.safety : state.grounding;
  if (!valueChanged(state.sent, `${key}.${choice}`, value)) return [];
  store[choice] = value;
  return [{ kind: "meta", key, value: { ...store } }];
}

/**
 * Gemini counts thoughts apart: `candidatesTokenCount` excludes `thoughtsTokenCount`. The shared
 * `usage.output` counts every generated token, reasoning included (as OpenAI's
 * `completion_tokens` does), so here it is the sum; `usage.reasoning` is the thoughts alone.
 */
function usageDelta(raw: unknown): Delta[] {
  const u = asRecord(raw);
  if (!u) return [];
  const n = (k: string) => asNumber(u[k]) ?? null;
  const answer = n("candidatesTokenCount");
  const thoughts = n("thoughtsTokenCount");
  return [
    {
      kind: "usage",
      usage: {
        input: n("promptTokenCount"),
        output: answer === null && thoughts === null ? null : (answer ?? 0) + (thoughts ?? 0),
        reasoning: thoughts,
        cached: n("cachedContentTokenCount"),
        total: n("totalTokenCount"),
      },
      provider: { ...u },
    },
  ];
}

function citations(choice: number, cand: CandidateState, raw: unknown): Delta[] {
  const meta = asRecord(raw);
  // Gemini API: `citationSources`; Vertex AI: `citations`.
  const list = meta?.["citationSources"] ?? meta?.["citations"];
  if (!Array.isArray(list)) return [];
  const out: Delta[] = [];
  for (const citation of list) {
    const key = JSON.stringify(citation) ?? "";
    if (cand.citations.has(key)) continue;
    cand.citations.add(key);
    out.push({ kind: "citation", choice, citation });
  }
  return out;
}

function applyCandidate(state: GeminiState, position: number, raw: unknown): Delta[] {
  const c = asRecord(raw) as WireCandidate | undefined;
  if (!c) return [anomaly("unknown-block-type", `candidate at position ${position} is not an object`)];
  const choice = asIndex(c.index) ?? position;
  let cand = state.candidates.get(choice);
  if (!cand) {
    cand = newCandidate();
    state.candidates.set(choice, cand);
  }
  const out: Delta[] = [];
  const parts = asRecord(c.content)?.["parts"];
  if (Array.isArray(parts)) {
    const before = out.length;
    for (const part of parts) out.push(...applyPart(choice, cand, part));
    if (state.ended && out.length > before) {
      out.unshift(
        anomaly("data-after-terminal", `content for candidate ${choice} after every candidate finished`),
      );
    }
  }
  const reason = asString(c.finishReason);
  if (reason !== undefined && cand.reason === null) {
    const detail = asString(c.finishMessage);
    out.push({ kind: "finish", choice, reason, ...(detail === undefined ? {} : { detail }) });
    cand.finished = true;
    cand.reason = reason;
  } else if (reason !== undefined && reason !== cand.reason) {
    // The same reason repeated adds nothing; a different one contradicts the end already seen.
    out.push(
      anomaly(
        "second-terminal-event",
        `candidate ${choice}: finishReason ${reason} after ${cand.reason}; the first is kept`,
      ),
    );
  }
  out.push(...citations(choice, cand, c.citationMetadata));
  if (c.safetyRatings !== undefined)
    out.push(...candidateMeta(state, "safetyRatings", choice, c.safetyRatings));
  if (c.groundingMetadata !== undefined) {
    out.push(...candidateMeta(state, "groundingMetadata", choice, c.groundingMetadata));
  }
  return out;
}

function applyError(raw: unknown, data: string): Delta[] {
  const e = asRecord(raw);
  const code = asString(e?.["status"]) ?? (asNumber(e?.["code"]) === undefined ? null : String(e?.["code"]));
  return [{ kind: "error", error: { code, message: asString(e?.["message"]) ?? data } }];
}

function allFinished(state: GeminiState): boolean {
  if (state.candidates.size === 0) return false;
  for (const c of state.candidates.values()) if (!c.finished) return false;
  return true;
}

/** Fields a `GenerateContentResponse` chunk carries; a chunk with none of them is not Gemini's. */
const CHUNK_FIELDS = ["candidates", "promptFeedback", "usageMetadata", "modelVersion", "responseId"] as const;

function applyChunk(state: GeminiState, chunk: WireChunk, data: string): Delta[] {
  if (chunk.error !== undefined) return applyError(chunk.error, data);
  if (!CHUNK_FIELDS.some((k) => chunk[k] !== undefined)) {
    const keys = Object.keys(chunk).slice(0, 6).join(", ");
    return [
      anomaly(
        "unknown-event-type",
        `a chunk with none of candidates, promptFeedback, usageMetadata or error (keys: ${keys || "none"}); kept`,
      ),
    ];
  }
  const out: Delta[] = [];
  const id = asString(chunk.responseId);
  if (id !== undefined) out.push(...meta(state, "id", id));
  const model = asString(chunk.modelVersion);
  if (model !== undefined) out.push(...meta(state, "model", model));
  const feedback = asRecord(chunk.promptFeedback);
  if (feedback) out.push(...meta(state, "promptFeedback", feedback));
  if (Array.isArray(chunk.candidates)) {
    chunk.candidates.forEach((c, position) => {
      out.push(...applyCandidate(state, position, c));
    });
  }
  out.push(...usageDelta(chunk.usageMetadata));
  const blockReason = asString(feedback?.["blockReason"]);
  if (blockReason !== undefined) {
    const why = asString(feedback?.["blockReasonMessage"]);
    out.push({
      kind: "error",
      error: { code: blockReason, message: `prompt blocked: ${why ?? blockReason}` },
    });
  }
  if (!state.ended && (allFinished(state) || blockReason !== undefined)) {
    state.ended = true;
    out.push({ kind: "end" });
  }
  return out;
}

export function stepGemini(state: GeminiState, event: StreamEvent & { json: unknown }): Delta[] {
  // Non-JSON data is reported by the pipeline (the format declares `json: true`).
  if (event.json === undefined) return [];
  // A whole JSON-array body handed over as one event: fold its elements in order.
  const chunks = Array.isArray(event.json) ? event.json : [event.json];
  const out: Delta[] = [];
  for (const raw of chunks) {
    const chunk = asRecord(raw);
    if (!chunk) out.push(anomaly("unknown-event-type", "a Gemini chunk that is not a JSON object"));
    else out.push(...applyChunk(state, chunk as WireChunk, event.data));
  }
  return out;
}

/** The body ended. A streamed call left open keeps the arguments assembled so far; no `end` here. */
export function finishGemini(_state: GeminiState): Delta[] {
  return [];
}
