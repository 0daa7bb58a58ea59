/** sselens's side of the differential tests: merge a capture, compare it with an SDK oracle. */
import { expect } from "vitest";
import type { Capture } from "../../src/core/capture/types.js";
import { analyzeCapture } from "../../src/core/pipeline/analyze.js";
import type { Report } from "../../src/core/pipeline/types.js";
import type { Oracle } from "./oracles.js";

export function mergeCapture(capture: Capture): Report {
  return analyzeCapture(capture);
}

export interface Compared {
  /** The format streams tool arguments as a string: compare it byte for byte, not only as JSON. */
  rawArguments?: boolean;
  /** Compare sselens's provider usage object with the SDK's (false where the SDK renames fields). */
  usage?: boolean;
}

const parse = (s: string): unknown => (s === "" ? {} : JSON.parse(s));

/** Field-by-field agreement between sselens's report and the SDK's fold. */
export function compareWithOracle(report: Report, oracle: Oracle, opts: Compared = {}): void {
  expect(report.errors, "sselens saw no errors").toEqual([]);
  expect(report.complete, "sselens saw the format's end signal").toBe(true);
  const ours = report.choices.map((c) => ({
    index: c.index,
    content: c.content,
    reasoning: c.reasoning,
    toolCalls: c.toolCalls.map((t) => ({ id: t.id, name: t.name, arguments: parse(t.arguments) })),
    finishReason: c.finishReason,
  }));
  const theirs = oracle.choices.map(
    ({ citations: _c, stepKinds: _s, reasoningRedacted: _r, refusal: _f, signatures: _g, ...c }) => ({
      ...c,
      toolCalls: c.toolCalls.map(({ raw: _raw, ...t }) => t),
    }),
  );
  expect(ours).toEqual(theirs);
  oracle.choices.forEach((o, i) => {
    const c = report.choices[i]!;
    if (o.signatures) expect(c.signatures ?? [], "signatures").toEqual(o.signatures);
    if (o.refusal !== undefined) expect(c.refusal, "refusal").toBe(o.refusal);
    if (o.citations) expect(c.citations, "citations").toEqual(o.citations);
    if (o.stepKinds)
      expect(
        c.steps.map((s) => s.kind),
        "steps",
      ).toEqual(o.stepKinds);
    if (o.reasoningRedacted !== undefined)
      expect(c.reasoningRedacted ?? false, "redacted reasoning").toBe(o.reasoningRedacted);
  });
  if (opts.rawArguments) {
    const raw = (r: { toolCalls: { arguments: string }[] }[]) =>
      r.map((c) => c.toolCalls.map((t) => t.arguments));
    const sdkRaw = oracle.choices.map((c) => c.toolCalls.map((t) => t.raw ?? ""));
    expect(raw(report.choices), "tool arguments exactly as streamed").toEqual(sdkRaw);
  }
  if (oracle.outputTokens !== null) expect(report.usage?.output).toBe(oracle.outputTokens);
  if (opts.usage !== false && oracle.usage !== null) expect(report.usage?.provider).toEqual(oracle.usage);
}
