/** Series for the arrivals chart, downsampled to at most `maxPoints` (the last event always kept). */
import type { Delta } from "../../src/core/formats/types.js";
import type { StreamEvent } from "../../src/core/sse/types.js";

export interface ArrivalSeries {
  /** Seconds since the request. */
  t: number[];
  events: number[];
  reasoning: number[];
  answer: number[];
  /** Gap before the event, ms. */
  gap: (number | null)[];
}

export function arrivalSeries(
  events: readonly StreamEvent[],
  deltas: readonly (readonly Delta[])[],
  maxPoints: number,
): ArrivalSeries {
  const out: ArrivalSeries = { t: [], events: [], reasoning: [], answer: [], gap: [] };
  const stride = Math.max(1, Math.ceil(events.length / maxPoints));
  let reasoning = 0;
  let answer = 0;
  let prevT: number | null = null;
  let maxGap = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    for (const d of deltas[i] ?? []) {
      if (d.kind === "reasoning") reasoning += d.text.length;
      else if (d.kind === "content" || d.kind === "refusal" || d.kind === "tool-args")
        answer += d.text.length;
    }
    if (e.t === null) continue;
    const gap = prevT === null ? e.t : e.t - prevT;
    prevT = e.t;
    if (gap > maxGap) maxGap = gap;
    if (i % stride === 0 || i === events.length - 1) {
      out.t.push(e.t / 1000);
      out.events.push(i + 1);
      out.reasoning.push(reasoning);
      out.answer.push(answer);
      // Keep the largest gap of the skipped stretch, so a stall is never sampled away.
      out.gap.push(maxGap);
      maxGap = 0;
    }
  }
  return out;
}
