/**
 * Replay a body through the SSE parser (or another framer) and collect what it
 * produced. Fixture tests use it to check that a split anywhere changes nothing.
 */
import { createSseParser } from "../../src/core/sse/parser.js";
import type { Anomaly, Framer, FramerOptions, StreamComment, StreamEvent } from "../../src/core/sse/types.js";
import { splitBytes } from "./split.js";

export interface Replayed {
  events: StreamEvent[];
  comments: StreamComment[];
  anomalies: Anomaly[];
  retry: number | null;
  lastEventId: string;
}

/**
 * Feed `input` (bytes or text, encoded as UTF-8) to a framer and collect the records.
 * With a `seed`, the body is split into seeded random chunks of 1..`maxChunk` bytes;
 * without, it is fed whole.
 */
export function replayEvents(
  input: Uint8Array | string,
  seed?: number,
  options: { maxChunk?: number; framer?: (opts: FramerOptions) => Framer } & Omit<
    FramerOptions,
    "onEvent" | "onComment" | "onAnomaly"
  > = {},
): Replayed {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const { maxChunk = 64, ...rest } = options;
  const chunks = seed === undefined ? [bytes] : splitBytes(bytes, seed, 1, maxChunk);
  return replayChunks(chunks, rest);
}

/** Feed the given chunks in order (chunk i gets t = i) and collect the records. */
export function replayChunks(
  chunks: readonly Uint8Array[],
  options: { framer?: (opts: FramerOptions) => Framer } & Omit<
    FramerOptions,
    "onEvent" | "onComment" | "onAnomaly"
  > = {},
): Replayed {
  const out: Replayed = { events: [], comments: [], anomalies: [], retry: null, lastEventId: "" };
  const { framer = createSseParser, ...rest } = options;
  const parser = framer({
    ...rest,
    onEvent: (e) => out.events.push(e),
    onComment: (c) => out.comments.push(c),
    onAnomaly: (a) => out.anomalies.push(a),
  });
  for (const [i, c] of chunks.entries()) parser.feed(c, i);
  parser.end();
  out.retry = parser.state.retry;
  out.lastEventId = parser.state.lastEventId;
  return out;
}
