/**
 * Timing metrics as a pure accumulator: fed once per network chunk and once per
 * (event, deltas), it keeps only counters, the event gaps and per-chunk event
 * counts, and builds a `Metrics` on demand. Untimed input (t null) yields null
 * timings and still counts events, chunks and bytes.
 */
import type { Delta, Usage } from "../formats/types.js";
import type { StreamEvent } from "../sse/types.js";
import type { Metrics } from "./types.js";

export const DEFAULT_STALL_MS = 2000;
/** A chunk after this much silence that completes many events is a burst. */
export const BURST_SILENCE_MS = 500;
/** How many events one chunk must complete to count as a burst. */
export const BURST_MIN_EVENTS = 5;

export interface MetricsOptions {
  stallThresholdMs?: number;
  /** ms from request start to response headers, when known. */
  headersMs?: number | null;
}

export interface MetricsAccumulator {
  /** A network read of the body arrived (call before feeding it to the framer). */
  chunk(t: number | null, bytes: number): void;
  comment(): void;
  /** An event was dispatched, with what it added to the reply. */
  event(event: StreamEvent, deltas: readonly Delta[]): void;
  /** Metrics so far; `endAt` is when the exchange ended (null while running or untimed). */
  build(usage: Usage | null, endAt: number | null): Metrics;
}

/**
 * Create a metrics accumulator.
 *
 * @example
 * const m = createMetrics({ headersMs: 80 });
 * m.chunk(95, 120);
 * m.event(event, deltas);
 * m.build(reply.usage, 400).ttftMs;
 */
export function createMetrics(opts: MetricsOptions = {}): MetricsAccumulator {
  const stallThresholdMs = opts.stallThresholdMs ?? DEFAULT_STALL_MS;
  const headersMs = opts.headersMs ?? null;
  let chunks = 0;
  let bytes = 0;
  let events = 0;
  let comments = 0;
  let firstByteMs: number | null = null;
  let firstEventMs: number | null = null;
  let firstReasoningMs: number | null = null;
  let ttftMs: number | null = null;
  let lastOutputMs: number | null = null;
  let lastEventT: number | null = null;
  let prevChunkT: number | null = null;
  const gaps: number[] = [];
  const stalls: Metrics["stalls"] = [];
  const provider: Record<string, number> = {};
  let hasProvider = false;
  // Per chunk: the silence before it and how many events it completed.
  const silenceBefore = new Map<number, number>();
  const eventsInChunk = new Map<number, number>();
  const chunkAt = new Map<number, number>();

  return {
    chunk(t, n) {
      const index = chunks++;
      bytes += n;
      if (t === null) return;
      if (firstByteMs === null && n > 0) firstByteMs = t;
      const before = prevChunkT ?? headersMs;
      if (before !== null && t - before >= BURST_SILENCE_MS) {
        silenceBefore.set(index, t - before);
        chunkAt.set(index, t);
      }
      prevChunkT = t;
    },

    comment() {
      comments++;
    },

    event(event, deltas) {
      events++;
      const t = event.t;
      if (silenceBefore.size > 0 && silenceBefore.has(event.chunk))
        eventsInChunk.set(event.chunk, (eventsInChunk.get(event.chunk) ?? 0) + 1);
      if (t === null) {
        for (const d of deltas) {
          if (d.kind === "meta" && d.key === "timings" && addTimings(provider, d.value)) hasProvider = true;
        }
        return;
      }
      if (firstEventMs === null) firstEventMs = t;
      if (lastEventT !== null) {
        const gap = t - lastEventT;
        gaps.push(gap);
        if (gap > stallThresholdMs) stalls.push({ after: event.index, ms: gap, at: t });
      }
      lastEventT = t;
      for (const d of deltas) {
        const k = d.kind;
        if (k === "reasoning" || k === "reasoning-redacted") {
          if (firstReasoningMs === null) firstReasoningMs = t;
          lastOutputMs = t;
        } else if (k === "content" || k === "refusal" || k === "tool-start" || k === "tool-args") {
          if (ttftMs === null) ttftMs = t;
          lastOutputMs = t;
        } else if (k === "meta" && d.key === "timings" && addTimings(provider, d.value)) hasProvider = true;
      }
    },

    build(usage, endAt) {
      // A typed copy sorts numerically without a comparator call per comparison (one gap per event).
      const sorted = Float64Array.from(gaps).sort();
      const bursts: Metrics["buffering"]["bursts"] = [];
      for (const [chunk, count] of eventsInChunk) {
        if (count >= BURST_MIN_EVENTS) {
          bursts.push({ chunk, events: count, afterMs: silenceBefore.get(chunk)!, at: chunkAt.get(chunk)! });
        }
      }
      bursts.sort((a, b) => a.chunk - b.chunk);
      const inBursts = bursts.reduce((s, b) => s + b.events, 0);
      // One burst can be a slow model; repeated bursts, or most of the stream in bursts, is a proxy holding it back.
      const suspected = bursts.length >= 2 || (bursts.length === 1 && inBursts >= Math.max(10, events / 2));
      const metrics: Metrics = {
        headersMs,
        firstByteMs,
        firstEventMs,
        firstReasoningMs,
        ttftMs,
        totalMs: endAt,
        events,
        comments,
        chunks,
        bytes,
        gaps: {
          maxMs: sorted.length ? sorted[sorted.length - 1]! : null,
          p50Ms: percentile(sorted, 0.5),
          p95Ms: percentile(sorted, 0.95),
        },
        stallThresholdMs,
        stalls: [...stalls],
        outputTokensPerSec: tokensPerSec(usage, firstReasoningMs, ttftMs, lastOutputMs),
        buffering: { suspected, bursts },
      };
      if (hasProvider) metrics.provider = { ...provider };
      return metrics;
    },
  };
}

/** Nearest-rank percentile of sorted values; null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * Output tokens over the output phase: first reasoning or answer token to the last one.
 * `usage.output` includes reasoning tokens (see `Usage`). When the stream showed no reasoning
 * although usage counts some (OpenAI's hidden reasoning, Gemini without `includeThoughts`), that
 * reasoning was generated before the timed span, so its tokens are left out.
 */
function tokensPerSec(
  usage: Usage | null,
  firstReasoning: number | null,
  ttft: number | null,
  last: number | null,
): number | null {
  const output = usage?.output;
  if (output === null || output === undefined || last === null) return null;
  const hidden = firstReasoning === null ? (usage?.reasoning ?? 0) : 0;
  const tokens = output - hidden;
  const first =
    firstReasoning === null ? ttft : ttft === null ? firstReasoning : Math.min(firstReasoning, ttft);
  if (first === null || last <= first || tokens <= 0) return null;
  return Math.round((tokens / ((last - first) / 1000)) * 10) / 10;
}

/** Provider timings: a `meta` delta with key "timings" and a record of numbers (ms). */
function addTimings(into: Record<string, number>, value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  let added = false;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "number" && Number.isFinite(v)) {
      into[k] = v;
      added = true;
    }
  }
  return added;
}
