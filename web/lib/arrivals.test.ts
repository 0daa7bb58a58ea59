import { describe, expect, it } from "vitest";
import type { Delta } from "../../src/core/formats/types.js";
import type { StreamEvent } from "../../src/core/sse/types.js";
import { arrivalSeries } from "./arrivals.js";

const ev = (index: number, t: number | null): StreamEvent => ({
  index,
  type: "message",
  data: "{}",
  id: "",
  raw: "",
  start: 0,
  end: 0,
  t,
  chunk: index,
});

describe("arrivalSeries", () => {
  it("accumulates thinking and answer characters separately", () => {
    const deltas: Delta[][] = [
      [{ kind: "reasoning", choice: 0, text: "hmm" }],
      [{ kind: "content", choice: 0, text: "Hi" }],
      [{ kind: "content", choice: 0, text: "!" }],
    ];
    const s = arrivalSeries([ev(0, 100), ev(1, 150), ev(2, 2150)], deltas, 100);
    expect(s.t).toEqual([0.1, 0.15, 2.15]);
    expect(s.reasoning).toEqual([3, 3, 3]);
    expect(s.answer).toEqual([0, 2, 3]);
    expect(s.gap).toEqual([100, 50, 2000]);
  });
  it("downsamples without losing the last event or the longest gap", () => {
    const events = Array.from({ length: 1000 }, (_, i) =>
      ev(i, i === 500 ? 5000 + 500 : i < 500 ? i : 5000 + i),
    );
    const s = arrivalSeries(events, [], 10);
    expect(s.t.length).toBeLessThanOrEqual(11);
    expect(s.events[s.events.length - 1]).toBe(1000);
    expect(Math.max(...s.gap.map((g) => g ?? 0))).toBeGreaterThan(4000);
  });
  it("skips untimed events", () => {
    expect(arrivalSeries([ev(0, null)], [], 10).t).toEqual([]);
  });
});
