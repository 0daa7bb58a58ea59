import { bytes, count, ms } from "../../lib/format.js";
import type { RunModel } from "../../state/run-model.js";

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <span className="stat" title={title}>
      <span className="stat-label">{label}</span> <span className="stat-value">{value}</span>
    </span>
  );
}

function statusBadge(run: RunModel | null) {
  const status = run?.response?.status;
  if (status === undefined) {
    if (run?.streaming) return <span className="badge">waiting…</span>;
    if (run?.end) return <span className="badge bad">no response</span>;
    return <span className="badge">idle</span>;
  }
  const cls = status >= 400 ? "bad" : status >= 300 ? "warn" : "ok";
  return (
    <span className={`badge ${cls}`}>
      {status} {run?.response?.statusText ?? ""}
    </span>
  );
}

const END_LABEL = {
  complete: "complete",
  cut: "cut",
  aborted: "cancelled",
  timeout: "timed out",
  error: "failed",
};

/** Always visible above the response: status, TTFT, total time, events, and how it ended. */
export function SummaryStrip({ run }: { run: RunModel | null }) {
  const metrics = run?.report?.metrics;
  const ttft = metrics?.ttftMs ?? run?.ttftMs ?? null;
  const end = run?.end?.reason;
  const complete = run?.report?.complete;
  return (
    <section className="summary" aria-label="Summary">
      <span className="stat">
        <span className="stat-label">Status</span> {statusBadge(run)}
      </span>
      <Stat label="TTFT" value={ms(ttft)} title="Time to the first answer token (thinking does not count)" />
      {run?.firstReasoningMs != null ? <Stat label="Thinking from" value={ms(run.firstReasoningMs)} /> : null}
      <Stat label="Total" value={ms(run?.elapsedMs ?? null)} />
      <Stat label="Events" value={count(run?.events.length ?? 0)} />
      <Stat label="Chunks" value={count(run?.chunks.length ?? 0)} />
      <Stat label="Size" value={bytes(run?.bytes ?? 0)} />
      {run?.detection ? (
        <Stat
          label="Format"
          value={run.detection.format}
          title={`detected by ${run.detection.by}: ${run.detection.evidence}`}
        />
      ) : null}
      {metrics && metrics.stalls.length > 0 ? (
        <span className="stat warn">
          {metrics.stalls.length} stall{metrics.stalls.length > 1 ? "s" : ""}
        </span>
      ) : null}
      {metrics?.buffering.suspected ? <span className="stat warn">buffering suspected</span> : null}
      <span className="spacer" />
      {run?.streaming ? (
        <span className="badge live">● streaming</span>
      ) : (run?.response?.status ?? 0) >= 400 ? (
        <span className="badge bad">HTTP error</span>
      ) : end ? (
        <span
          className={`badge ${end === "complete" && complete ? "ok" : end === "complete" ? "warn" : "bad"}`}
        >
          {END_LABEL[end]}
          {end === "complete" && complete === false ? " (no end signal)" : ""}
        </span>
      ) : null}
    </section>
  );
}
