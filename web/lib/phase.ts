/**
 * What an event did to the reply, reduced to a phase for filtering and charts, and a short
 * one-line summary for its timeline row. Derived from the deltas the merger returned: the
 * timeline shows the same contribution the reply was built from.
 */
import type { Delta } from "../../src/core/formats/types.js";

export type Phase = "reasoning" | "answer" | "tool" | "usage" | "error" | "other";
export const PHASES: readonly Phase[] = ["reasoning", "answer", "tool", "usage", "error", "other"];

export function phaseOf(deltas: readonly Delta[]): Phase {
  let phase: Phase = "other";
  for (const d of deltas) {
    switch (d.kind) {
      case "error":
        return "error";
      case "content":
      case "refusal":
        phase = "answer";
        break;
      case "tool-start":
      case "tool-args":
      case "tool-args-set":
        if (phase !== "answer") phase = "tool";
        break;
      case "reasoning":
      case "reasoning-redacted":
        if (phase === "other" || phase === "usage") phase = "reasoning";
        break;
      case "usage":
        if (phase === "other") phase = "usage";
        break;
      default:
        break;
    }
  }
  return phase;
}

/** Does this event carry the first answer token (content, refusal or tool call)? */
export function isAnswer(deltas: readonly Delta[]): boolean {
  return deltas.some(
    (d) => d.kind === "content" || d.kind === "refusal" || d.kind === "tool-start" || d.kind === "tool-args",
  );
}

export interface Contribution {
  /** Which part of the reply it went to, for colouring. */
  part: "text" | "thinking" | "tool" | "usage" | "finish" | "error" | "anomaly" | "meta" | "end" | "note";
  text: string;
}

/** The contributions of one event, in order, as short labelled pieces. */
export function contributions(deltas: readonly Delta[]): Contribution[] {
  const out: Contribution[] = [];
  for (const d of deltas) {
    const multi = d.kind !== "usage" && d.kind !== "error" && d.kind !== "end" && d.kind !== "anomaly";
    const choice = multi && "choice" in d && d.choice > 0 ? `[${d.choice}] ` : "";
    switch (d.kind) {
      case "content":
        out.push({ part: "text", text: choice + d.text });
        break;
      case "reasoning":
        out.push({ part: "thinking", text: choice + d.text });
        break;
      case "reasoning-redacted":
        out.push({ part: "thinking", text: `${choice}(redacted thinking)` });
        break;
      case "refusal":
        out.push({ part: "text", text: `${choice}refusal: ${d.text}` });
        break;
      case "tool-start":
        out.push({ part: "tool", text: `${choice}${d.name ?? "tool"}(${d.arguments ?? ""}` });
        break;
      case "tool-args":
        out.push({ part: "tool", text: choice + d.text });
        break;
      case "tool-args-set":
        out.push({ part: "tool", text: `${choice}args = ${d.arguments}` });
        break;
      case "finish":
        out.push({ part: "finish", text: `${choice}finish: ${d.reason}` });
        break;
      case "usage":
        out.push({ part: "usage", text: usageText(d.usage) });
        break;
      case "error":
        out.push({
          part: "error",
          text: `error${d.error.code ? ` ${d.error.code}` : ""}: ${d.error.message}`,
        });
        break;
      case "end":
        out.push({ part: "end", text: d.note ? `end (${d.note})` : "end" });
        break;
      case "anomaly":
        out.push({ part: "anomaly", text: `${d.anomaly.code}: ${d.anomaly.message}` });
        break;
      case "note":
        out.push({ part: "note", text: d.text });
        break;
      case "meta":
        out.push({ part: "meta", text: `${d.key}=${short(d.value)}` });
        break;
      case "citation":
        out.push({ part: "meta", text: `${choice}citation ${short(d.citation)}` });
        break;
      case "step":
        out.push({
          part: "meta",
          text: `${choice}step ${d.step.kind}${d.step.status ? ` ${d.step.status}` : ""}`,
        });
        break;
      case "signature":
        out.push({ part: "meta", text: `${choice}signature` });
        break;
      default: {
        const never: never = d;
        throw new Error(`contributions: unknown delta ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

function usageText(u: { input: number | null; output: number | null; reasoning: number | null }): string {
  const parts = [`in ${u.input ?? "?"}`, `out ${u.output ?? "?"}`];
  if (u.reasoning !== null) parts.push(`reasoning ${u.reasoning}`);
  return `usage ${parts.join(" · ")}`;
}

function short(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s === undefined ? "" : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
