import type { RowFacts } from "../../lib/timeline-filter.js";
import { ItemKind, type RunModel } from "../../state/run-model.js";

/** What the filter sees of timeline row `i`. */
export function rowFacts(run: RunModel, i: number): RowFacts {
  const ref = run.itemRef[i]!;
  switch (run.itemKind[i]) {
    case ItemKind.Event: {
      const e = run.events[ref]!;
      return { type: e.type, phase: run.phases[ref] ?? null, texts: [e.type, e.data] };
    }
    case ItemKind.Comment:
      return { type: null, phase: null, texts: [run.comments[ref]!.text] };
    case ItemKind.Anomaly: {
      const a = run.anomalies[ref]!;
      return { type: null, phase: null, texts: [a.code, a.message] };
    }
    default:
      return {
        type: null,
        phase: null,
        texts: [`end ${run.end?.reason ?? ""} ${run.end?.error?.message ?? ""}`],
      };
  }
}
