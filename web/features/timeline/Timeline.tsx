import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { count as fmtCount } from "../../lib/format.js";
import { PHASES, type Phase } from "../../lib/phase.js";
import { filteredRows, isEmptyFilter, NO_FILTER, type TimelineFilter } from "../../lib/timeline-filter.js";
import type { RunModel } from "../../state/run-model.js";
import { rowFacts } from "./row-facts.js";
import { TimelineRow } from "./TimelineRow.js";

const ROW_HEIGHT = 23;

/**
 * Every event as it arrives, virtualised: only the rows in view exist in the DOM, and the
 * list re-renders once per animation frame however many events arrived in it.
 */
export function Timeline({ run }: { run: RunModel | null }) {
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [follow, setFollow] = useState(true);
  const scrollRef = useRef<HTMLDivElement>(null);

  // A new run starts unfiltered rows and follows the tail again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new run, by identity
  useEffect(() => {
    setExpanded(new Set());
    setFollow(true);
  }, [run]);

  const filtered = useMemo(
    () => (run && !isEmptyFilter(filter) ? filteredRows(filter) : null),
    [filter, run],
  );
  const total = run?.itemKind.length ?? 0;
  // Filter a slice per render; an unfinished scan asks for another frame.
  const scanDone =
    filtered && run ? filtered.extend(total, (i) => rowFacts(run, i), performance.now() + 6) : true;
  const [, rescan] = useReducer((x: number) => x + 1, 0);
  useEffect(() => {
    if (scanDone) return;
    const id = requestAnimationFrame(rescan);
    return () => cancelAnimationFrame(id);
  });
  const count = filtered ? filtered.indices.length : total;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    // Collapsed rows are exactly ROW_HEIGHT (CSS); only expanded rows are measured, so
    // streaming never forces a layout per row.
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Scroll events re-render in the next frame with everything else, not synchronously.
    useFlushSync: false,
  });

  useEffect(() => {
    // Following the tail: jump to the end of the list's known height (no layout read).
    const el = scrollRef.current;
    if (follow && count > 0 && el) el.scrollTop = virtualizer.getTotalSize();
  }, [count, follow, virtualizer]);

  const onToggle = useCallback((item: number) => {
    // Reading a row: stop following the tail so the row stays where it is.
    setFollow(false);
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(item)) next.delete(item);
      else next.add(item);
      return next;
    });
  }, []);

  const stallMs = run?.report?.metrics.stallThresholdMs ?? 2000;
  const types = run ? [...run.types.keys()] : [];
  const itemAt = (i: number) => (filtered ? filtered.indices[i]! : i);

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="tl-toolbar">
        <input
          type="search"
          aria-label="Search events"
          placeholder="Search events"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
        />
        <select
          aria-label="Event type"
          value={filter.types[0] ?? ""}
          onChange={(e) => setFilter({ ...filter, types: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">all types</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t} ({fmtCount(run?.types.get(t) ?? 0)})
            </option>
          ))}
        </select>
        <select
          aria-label="Phase"
          value={filter.phases[0] ?? ""}
          onChange={(e) => setFilter({ ...filter, phases: e.target.value ? [e.target.value as Phase] : [] })}
        >
          <option value="">all phases</option>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <span className="tl-count muted" aria-live="off">
          {filtered
            ? `${fmtCount(count)} of ${fmtCount(total)}`
            : `${fmtCount(run?.events.length ?? 0)} ${run?.events.length === 1 ? "event" : "events"}`}
        </span>
        <label className="tl-follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
        </label>
      </div>
      <div className="tl-head" aria-hidden="true">
        <span className="tl-idx">#</span>
        <span className="tl-t">at</span>
        <span className="tl-gap">gap</span>
        <span className="tl-type">type</span>
        <span className="tl-added">added</span>
        <span className="tl-chunk">chunk</span>
      </div>
      <div
        className="tl-scroll"
        ref={scrollRef}
        onWheel={() => {
          // The user scrolling up stops following the tail; reaching the bottom resumes it.
          const el = scrollRef.current;
          if (el && el.scrollHeight - el.scrollTop - el.clientHeight > 40) setFollow(false);
        }}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 4;
          if (atBottom && !follow) setFollow(true);
        }}
      >
        {run && count > 0 ? (
          <ul aria-label="Events" className="tl-list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => (
              <li
                key={v.key}
                data-index={v.index}
                ref={expanded.has(itemAt(v.index)) ? virtualizer.measureElement : undefined}
                className="tl-item"
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <TimelineRow
                  run={run}
                  item={itemAt(v.index)}
                  expanded={expanded.has(itemAt(v.index))}
                  stallMs={stallMs}
                  onToggle={onToggle}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty muted">
            {run
              ? filtered
                ? "No event matches the filter."
                : "Waiting for the first event…"
              : "Send a request: every event appears here as it arrives."}
          </p>
        )}
      </div>
    </section>
  );
}
