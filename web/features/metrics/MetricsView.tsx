import { describeBuffering } from "../../../src/core/metrics/describe.js";
import type { Metrics } from "../../../src/core/metrics/types.js";
import { bytes, count, ms } from "../../lib/format.js";
import type { RunModel } from "../../state/run-model.js";
import { ArrivalsChart } from "./ArrivalsChart.js";

function rows(m: Metrics | null, run: RunModel): [string, string][] {
  if (!m) {
    return [
      ["TTFT", ms(run.ttftMs)],
      ["First thinking", ms(run.firstReasoningMs)],
      ["Events", count(run.events.length)],
      ["Network chunks", count(run.chunks.length)],
      ["Bytes", bytes(run.bytes)],
    ];
  }
  return [
    ["Response headers", ms(m.headersMs)],
    ["First byte", ms(m.firstByteMs)],
    ["First event", ms(m.firstEventMs)],
    ["First thinking", ms(m.firstReasoningMs)],
    ["TTFT", ms(m.ttftMs)],
    ["Total", ms(m.totalMs)],
    ["Events", count(m.events)],
    ["Comments", count(m.comments)],
    ["Network chunks", count(m.chunks)],
    ["Bytes", bytes(m.bytes)],
    ["Gap max", ms(m.gaps.maxMs)],
    ["Gap p50", ms(m.gaps.p50Ms)],
    ["Gap p95", ms(m.gaps.p95Ms)],
    [`Stalls (≥ ${ms(m.stallThresholdMs)})`, String(m.stalls.length)],
    [
      "Output tokens/s",
      m.outputTokensPerSec === null
        ? "—"
        : m.outputTokensPerSec.toLocaleString("en-US", {
            maximumFractionDigits: 1,
            minimumFractionDigits: 1,
          }),
    ],
    ["Buffering", describeBuffering(m.buffering, ms) ?? "not seen"],
    ...Object.entries(m.provider ?? {}).map(([k, v]): [string, string] => [`provider ${k}`, ms(v)]),
  ];
}

/** TTFT and the other timing metrics, beside a chart of arrivals over time. */
export function MetricsView({ run }: { run: RunModel | null }) {
  if (!run) return <p className="empty muted">Timing metrics and the arrivals chart appear here.</p>;
  const m = run.report?.metrics ?? null;
  return (
    <section className="metrics" aria-label="Metrics">
      <table className="metrics-table">
        <tbody>
          {rows(m, run).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="mono">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="metrics-chart">
        <ArrivalsChart run={run} />
        {m && m.stalls.length > 0 ? (
          <ul className="stall-list">
            {m.stalls.map((s) => (
              <li key={s.after}>
                stall of {ms(s.ms)} before event #{s.after} (at {ms(s.at)})
              </li>
            ))}
          </ul>
        ) : null}
        {m?.buffering.suspected ? (
          <p className="warn">
            Buffering suspected:{" "}
            {m.buffering.bursts
              .map((b) => `${b.events} events in chunk ${b.chunk} after ${ms(b.afterMs)}`)
              .join("; ")}
            . A proxy or server may be holding the stream back.
          </p>
        ) : null}
      </div>
    </section>
  );
}
