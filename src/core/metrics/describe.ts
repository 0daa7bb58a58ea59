/**
 * Metrics in words, for the edges that show them (the CLI's summary, the page's Metrics tab),
 * so both say the same thing.
 */
import type { Metrics } from "./types.js";

/**
 * What the burst detector saw, or null when there was no burst. Repeated bursts (or most of
 * the stream in one) are "suspected" buffering; a single burst is only "possible": a model
 * can pause too, so it says what was seen and lets the reader judge.
 *
 * @example
 * describeBuffering(metrics.buffering, (ms) => `${ms} ms`);
 * // "possible: 20 events in one chunk after 2500 ms of silence"
 */
export function describeBuffering(b: Metrics["buffering"], duration: (ms: number) => string): string | null {
  const first = b.bursts[0];
  if (b.suspected)
    return first
      ? `suspected: ${first.events} events in one chunk after ${duration(first.afterMs)}`
      : "suspected";
  if (!first) return null;
  const more = b.bursts.length > 1 ? ` (+${b.bursts.length - 1} more)` : "";
  return `possible: ${first.events} events in one chunk after ${duration(first.afterMs)} of silence${more}`;
}
