/** Metrics from synthetic chunk timings: every number is derived by hand from the timeline below. */
import { describe, expect, it } from "vitest";
import type { Delta } from "../formats/types.js";
import type { StreamEvent } from "../sse/types.js";
import { createMetrics, percentile } from "./accumulate.js";

let index = 0;
function ev(chunk: number, t: number | null): StreamEvent {
  return { index: index++, type: "message", data: "{}", id: "", raw: "", start: 0, end: 0, t, chunk };
}
const content: Delta[] = [{ kind: "content", choice: 0, text: "x" }];
const reasoning: Delta[] = [{ kind: "reasoning", choice: 0, text: "r" }];

describe("createMetrics", () => {
  it("derives first byte, first event, first reasoning, TTFT, gaps and stalls", () => {
    index = 0;
    const m = createMetrics({ headersMs: 50, stallThresholdMs: 1000 });
    m.chunk(60, 10); // chunk 0
    m.event(ev(0, 60), []); // role only
    m.chunk(100, 10); // chunk 1
    m.event(ev(1, 100), reasoning);
    m.chunk(300, 10); // chunk 2
    m.event(ev(2, 300), content);
    m.chunk(1800, 10); // chunk 3: a 1500 ms stall
    m.event(ev(3, 1800), content);
    m.comment();
    const r = m.build(
      { input: 1, output: 17, reasoning: null, cached: null, total: null, provider: {} },
      1900,
    );
    expect(r).toMatchObject({
      headersMs: 50,
      firstByteMs: 60,
      firstEventMs: 60,
      firstReasoningMs: 100,
      ttftMs: 300,
      totalMs: 1900,
      events: 4,
      comments: 1,
      chunks: 4,
      bytes: 40,
      gaps: { maxMs: 1500, p50Ms: 200, p95Ms: 1500 },
      stallThresholdMs: 1000,
      stalls: [{ after: 3, ms: 1500, at: 1800 }],
      // 17 tokens between the first reasoning (100) and the last output (1800): 1.7 s.
      outputTokensPerSec: 10,
      buffering: { suspected: false, bursts: [] },
    });
  });

  it("suspects buffering when many events arrive in one chunk after silences", () => {
    index = 0;
    const m = createMetrics({ headersMs: 0 });
    m.chunk(700, 100); // chunk 0 after 700 ms of silence, 6 events
    for (let i = 0; i < 6; i++) m.event(ev(0, 700), content);
    m.chunk(1400, 100); // chunk 1 after 700 ms, 6 events
    for (let i = 0; i < 6; i++) m.event(ev(1, 1400), content);
    m.chunk(1450, 10); // chunk 2, no silence
    m.event(ev(2, 1450), content);
    const r = m.build(null, 1500);
    expect(r.buffering).toEqual({
      suspected: true,
      bursts: [
        { chunk: 0, events: 6, afterMs: 700, at: 700 },
        { chunk: 1, events: 6, afterMs: 700, at: 1400 },
      ],
    });
    expect(r.outputTokensPerSec).toBeNull();
  });

  it("does not call steady streaming a burst", () => {
    index = 0;
    const m = createMetrics({ headersMs: 0 });
    for (let i = 0; i < 50; i++) {
      m.chunk(100 + i * 20, 10);
      m.event(ev(i, 100 + i * 20), content);
    }
    expect(m.build(null, 2000).buffering.suspected).toBe(false);
  });

  it("keeps counts but no timings for untimed input", () => {
    index = 0;
    const m = createMetrics();
    m.chunk(null, 5);
    m.event(ev(0, null), content);
    m.event(ev(0, null), content);
    const r = m.build(null, null);
    expect(r).toMatchObject({
      firstByteMs: null,
      ttftMs: null,
      totalMs: null,
      events: 2,
      chunks: 1,
      bytes: 5,
    });
    expect(r.gaps).toEqual({ maxMs: null, p50Ms: null, p95Ms: null });
  });

  it("collects provider timings from a meta delta", () => {
    index = 0;
    const m = createMetrics();
    m.event(ev(0, 5), [{ kind: "meta", key: "timings", value: { totalMs: 1200, evalMs: 900, note: "x" } }]);
    expect(m.build(null, 10).provider).toEqual({ totalMs: 1200, evalMs: 900 });
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(percentile([], 0.5)).toBeNull();
  });

  it("counts reasoning tokens in tokens/s when the reasoning streamed, and leaves them out when it was hidden", () => {
    const usage = { input: 1, output: 30, reasoning: 20, cached: null, total: null, provider: {} };
    index = 0;
    const shown = createMetrics({ headersMs: 0 });
    shown.event(ev(0, 1000), reasoning);
    shown.event(ev(1, 2000), content);
    shown.event(ev(2, 3000), content);
    // 30 tokens (20 reasoning + 10 answer) from the first reasoning (1000) to the last (3000).
    expect(shown.build(usage, 3000).outputTokensPerSec).toBe(15);
    index = 0;
    const hidden = createMetrics({ headersMs: 0 });
    hidden.event(ev(0, 2000), content);
    hidden.event(ev(1, 3000), content);
    // The 20 reasoning tokens came before the first event: 10 answer tokens over 1 s.
    expect(hidden.build(usage, 3000).outputTokensPerSec).toBe(10);
  });
});
