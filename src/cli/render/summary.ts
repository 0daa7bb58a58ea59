/** The summary after the default view: status, finish reason, usage, timing, events, anomalies. */
import { describeBuffering } from "../../core/metrics/describe.js";
import type { Report } from "../../core/pipeline/types.js";
import { type Style, sanitize } from "./style.js";

export interface SummaryContext {
  style: Style;
  /** HTTP reason phrase, when there was a response. */
  statusText?: string;
  /** How many anomalies to list one per line before summarising the rest. */
  maxAnomalies?: number;
}

/** Milliseconds for people: `312 ms`, `1.84 s`. */
export function duration(ms: number | null): string {
  if (ms === null) return "-";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function byteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function summaryText(report: Report, ctx: SummaryContext): string {
  const { style } = ctx;
  const rows: Array<[string, string]> = [];
  // Provider text (error messages, evidence) is untrusted, on a terminal or piped alike.
  const clean = sanitize;

  const state = report.complete
    ? style.green("complete")
    : style.red(`incomplete${report.end && report.end !== "complete" ? ` (${report.end})` : ""}`);
  const status =
    report.status === null ? "" : `${report.status}${ctx.statusText ? ` ${ctx.statusText}` : ""} · `;
  rows.push([
    "status",
    `${report.status !== null && report.status >= 400 ? style.red(status) : status}${state}`,
  ]);
  rows.push(["format", `${report.format} (${report.detection.by}: ${clean(report.detection.evidence)})`]);

  // The detail (Responses `incomplete_details.reason`, Anthropic's refusal category) says why.
  const finishes = report.choices.map((c) => {
    const reason = `${c.finishReason ?? "-"}${c.finishDetail ? ` (${clean(c.finishDetail)})` : ""}`;
    return report.choices.length > 1 ? `${c.index}: ${reason}` : reason;
  });
  if (finishes.length > 0) rows.push(["finish", finishes.join(" · ")]);

  if (report.usage) {
    const u = report.usage;
    const parts: string[] = [];
    if (u.input !== null) parts.push(`input ${u.input}`);
    if (u.output !== null) parts.push(`output ${u.output}`);
    if (u.reasoning !== null) parts.push(`reasoning ${u.reasoning}`);
    if (u.cached !== null) parts.push(`cached ${u.cached}`);
    if (u.total !== null) parts.push(`total ${u.total}`);
    rows.push(["usage", parts.length > 0 ? parts.join(" · ") : "reported, no token counts"]);
  }

  const m = report.metrics;
  if (m.totalMs !== null || m.ttftMs !== null) {
    const timing = [`TTFT ${duration(m.ttftMs)}`];
    if (m.firstReasoningMs !== null) timing.push(`first thinking ${duration(m.firstReasoningMs)}`);
    timing.push(`total ${duration(m.totalMs)}`);
    if (m.headersMs !== null) timing.push(`headers ${duration(m.headersMs)}`);
    if (m.outputTokensPerSec !== null) timing.push(`${m.outputTokensPerSec.toFixed(1)} tokens/s`);
    rows.push(["timing", timing.join(" · ")]);
  } else {
    rows.push(["timing", "untimed"]);
  }

  const events = [plural(m.events, "event")];
  if (m.comments > 0) events.push(plural(m.comments, "comment"));
  events.push(plural(m.chunks, "chunk"), byteSize(m.bytes));
  if (m.gaps.maxMs !== null) events.push(`gaps p50 ${duration(m.gaps.p50Ms)}, max ${duration(m.gaps.maxMs)}`);
  rows.push(["events", events.join(" · ")]);

  if (m.stalls.length > 0) {
    const longest = Math.max(...m.stalls.map((s) => s.ms));
    rows.push([
      "stalls",
      style.yellow(
        `${plural(m.stalls.length, "stall")} over ${duration(m.stallThresholdMs)} (longest ${duration(longest)})`,
      ),
    ]);
  }
  const buffering = describeBuffering(m.buffering, duration);
  if (buffering) rows.push(["buffering", m.buffering.suspected ? style.yellow(buffering) : buffering]);

  for (const e of report.errors) {
    const where = e.event !== undefined ? ` at event ${e.event}` : "";
    rows.push(["error", style.red(`${e.code ? `${e.code}: ` : ""}${clean(e.message)}${where}`)]);
  }

  const max = ctx.maxAnomalies ?? 5;
  if (report.anomalies.length === 0) rows.push(["anomalies", "none"]);
  else {
    report.anomalies.slice(0, max).forEach((a, i) => {
      const where = a.event !== undefined ? ` (event ${a.event})` : "";
      rows.push([i === 0 ? "anomalies" : "", style.yellow(`${a.code}${where}: ${clean(a.message)}`)]);
    });
    if (report.anomalies.length > max) {
      rows.push(["", style.yellow(`… and ${report.anomalies.length - max} more (see --json)`)]);
    }
  }
  for (const [i, note] of report.notes.entries()) rows.push([i === 0 ? "notes" : "", clean(note)]);

  const width = Math.max(...rows.map(([k]) => k.length));
  const rule = style.dim("─".repeat(40));
  return `${rule}\n${rows.map(([k, v]) => `${style.dim(k.padEnd(width))}  ${v}`).join("\n")}\n`;
}
