import { memo } from "react";
import { ms } from "../../lib/format.js";
import { prettyJson } from "../../lib/json-text.js";
import { contributions } from "../../lib/phase.js";
import { ItemKind, type RunModel } from "../../state/run-model.js";
import { Highlighted } from "../common/JsonView.js";

/** One line per row: newlines and tabs shown as symbols, long text cut. */
function visible(text: string): string {
  const cut = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return cut.replace(/\r?\n/g, "↵").replace(/\t/g, "⇥");
}

export interface RowProps {
  run: RunModel;
  item: number;
  expanded: boolean;
  stallMs: number;
  onToggle: (item: number) => void;
}

function gapClass(gap: number | null, stallMs: number): string {
  if (gap === null) return "";
  if (gap >= stallMs) return " stall";
  if (gap >= stallMs / 4) return " slow";
  return "";
}

/** One timeline row. Rows are immutable once added, so memo keeps scrolling cheap. */
export const TimelineRow = memo(function TimelineRow({ run, item, expanded, stallMs, onToggle }: RowProps) {
  const ref = run.itemRef[item]!;
  const kind = run.itemKind[item];
  if (kind === ItemKind.Comment) {
    const c = run.comments[ref]!;
    return (
      <div className="tl-row tl-note comment">
        <span className="tl-idx" />
        <span className="tl-t">{ms(c.t)}</span>
        <span className="tl-gap" />
        <span className="tl-type">comment</span>
        <span className="tl-added">: {c.text}</span>
      </div>
    );
  }
  if (kind === ItemKind.Anomaly) {
    const a = run.anomalies[ref]!;
    return (
      <div className="tl-row tl-note anomaly">
        <span className="tl-idx">⚠</span>
        <span className="tl-t" />
        <span className="tl-gap" />
        <span className="tl-type">{a.code}</span>
        <span className="tl-added">{a.message}</span>
      </div>
    );
  }
  if (kind === ItemKind.End) {
    const end = run.end;
    return (
      <div className="tl-row tl-note broke">
        <span className="tl-idx">✂</span>
        <span className="tl-t">{ms(end?.at ?? null)}</span>
        <span className="tl-gap" />
        <span className="tl-type">
          {end?.reason === "aborted" ? "cancelled" : `stream ${end?.reason ?? "ended"}`}
        </span>
        <span className="tl-added">
          {end?.reason === "aborted" ? "Cancelled here" : "The stream broke here"}
          {end?.error ? `: ${end.error.message}` : ""}
        </span>
      </div>
    );
  }
  const e = run.events[ref]!;
  const prev = ref > 0 ? run.events[ref - 1]! : null;
  const gap = e.t !== null ? e.t - (prev ? (prev.t ?? 0) : 0) : null;
  const newChunk = prev === null || prev.chunk !== e.chunk;
  const deltas = run.deltas[ref] ?? [];
  const parts = contributions(deltas);
  return (
    <div
      className={`tl-row${newChunk ? " chunk-start" : " same-chunk"}${expanded ? " expanded" : ""} phase-${run.phases[ref]}`}
    >
      <button type="button" className="tl-main" aria-expanded={expanded} onClick={() => onToggle(item)}>
        <span className="tl-idx">{e.index}</span>
        <span className="tl-t">{ms(e.t)}</span>
        <span className={`tl-gap${gapClass(gap, stallMs)}`}>{gap === null ? "" : `+${Math.round(gap)}`}</span>
        <span className="tl-type" title={e.type}>
          {e.type}
        </span>
        <span className="tl-added">
          {parts.length === 0 ? <span className="part-none">{visible(e.data.slice(0, 120))}</span> : null}
          {parts.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: contributions are positional
            <span key={i} className={`part part-${p.part}`}>
              {visible(p.text)}
            </span>
          ))}
        </span>
        <span className="tl-chunk" title={`network chunk ${e.chunk}`}>
          {newChunk ? `c${e.chunk}` : ""}
        </span>
      </button>
      {expanded ? <RowDetail run={run} event={ref} /> : null}
    </div>
  );
});

function RowDetail({ run, event }: { run: RunModel; event: number }) {
  const e = run.events[event]!;
  const pretty = prettyJson(e.data);
  return (
    <div className="tl-detail">
      <div className="tl-detail-meta muted">
        bytes {e.start}–{e.end} · chunk {e.chunk}
        {e.id ? ` · id ${e.id}` : ""}
      </div>
      <pre className="tl-json">{pretty ? <Highlighted text={pretty} /> : e.data}</pre>
      <div className="tl-detail-label muted">raw</div>
      <pre className="tl-raw">{e.raw}</pre>
    </div>
  );
}
