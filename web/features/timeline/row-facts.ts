import type { RowFacts } from "../../lib/timeline-filter.js";
import { ItemKind, type RunModel } from "../../state/run-model.js";

/** What the filter sees of timeline row `i`. */
export function rowFacts(run: RunModel, i: number): RowFacts {
  const ref = run.itemRef[i]!;
  switch (run.itemKind[i]) {
    case ItemKind.Event: {
      const e = run.events[ref]!;
      return { type: e.type, phase: run.phases[ref] ?? null, text: `${e.type}\n${e.data}` };
    }
    case ItemKind.Comment:
      return { type: null, phase: null, text: run.comments[ref]!.text };
    case ItemKind.Anomaly: {
      const a = run.anomalies[ref]!;
      return { type: null, phase: null, text: `${a.code} ${a.message}` };
    }
    default:
      return {
        type: null,
        phase: null,
        text: `end ${run.end?.reason ?? ""} ${run.end?.error?.message ?? ""}`,
      };
  }
}
