import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { arrivalSeries } from "../../lib/arrivals.js";
import { yAxisSize } from "../../lib/chart-axis.js";
import type { RunModel } from "../../state/run-model.js";

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/**
 * Event arrivals over time: cumulative events, thinking and answer characters, and the gap
 * before each event. A buffering proxy shows as a flat line followed by a vertical jump.
 */
export function ArrivalsChart({ run }: { run: RunModel }) {
  const host = useRef<HTMLDivElement>(null);
  // While streaming, redraw at most twice a second: the series is O(events) to build.
  const drawn = useRef({ at: 0, version: -1 });
  const now = Date.now();
  if (!run.streaming || now - drawn.current.at > 500) drawn.current = { at: now, version: run.version };
  const version = drawn.current.version;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the run mutates in place; `version` says it changed
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const s = arrivalSeries(run.events, run.deltas, 2000);
    if (s.t.length === 0) {
      el.textContent = "No timed events to chart.";
      return;
    }
    el.textContent = "";
    const text = cssVar("--muted", "#888");
    const grid = cssVar("--border", "#ddd");
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const stallMs = run.report?.metrics.stallThresholdMs ?? 2000;
    const stalls = run.report?.metrics.stalls ?? [];
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 260,
        scales: { x: { time: false }, gap: { auto: true } },
        axes: [
          { ...axis, label: "seconds since request", labelSize: 18 },
          { ...axis, label: "cumulative", labelSize: 18, size: yAxisSize },
          {
            ...axis,
            scale: "gap",
            side: 1,
            label: "gap (ms)",
            labelSize: 18,
            size: yAxisSize,
            grid: { show: false },
          },
        ],
        series: [
          {},
          { label: "events", stroke: cssVar("--accent", "#36f"), width: 1.5 },
          { label: "thinking chars", stroke: cssVar("--think", "#85d"), width: 1.5 },
          { label: "answer chars", stroke: cssVar("--ok", "#1a8"), width: 1.5 },
          {
            label: "gap ms",
            scale: "gap",
            stroke: cssVar("--warn", "#b60"),
            width: 0,
            points: { show: true, size: 3, fill: cssVar("--warn", "#b60") },
          },
        ],
        hooks: {
          drawClear: [
            (u) => {
              // Shade the stalls: silences longer than the stall threshold.
              const ctx = u.ctx;
              ctx.save();
              ctx.fillStyle = "rgba(220, 60, 50, 0.12)";
              for (const st of stalls) {
                const x0 = u.valToPos((st.at - st.ms) / 1000, "x", true);
                const x1 = u.valToPos(st.at / 1000, "x", true);
                ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
              }
              ctx.restore();
            },
          ],
        },
        legend: { live: false },
        cursor: { drag: { x: true, y: false } },
      },
      [s.t, s.events, s.reasoning, s.answer, s.gap],
      el,
    );
    el.title = `stalls are gaps of ${stallMs} ms or more`;
    return () => plot.destroy();
  }, [run, version]);
  return <div className="arrivals-chart" ref={host} role="img" aria-label="Event arrivals over time" />;
}
