/**
 * Timeline search and filters, over the run's plain arrays. Incremental and time-sliced:
 * new rows are tested as they arrive, and a new filter over 100,000 rows is applied a few
 * milliseconds at a time, so typing in the search box never freezes the page.
 */
import type { Phase } from "./phase.js";

export interface TimelineFilter {
  /** Case-insensitive text searched in the event's type, data and comments. */
  text: string;
  /** Event types to show; empty shows all. */
  types: readonly string[];
  /** Phases to show; empty shows all. */
  phases: readonly Phase[];
}

export const NO_FILTER: TimelineFilter = { text: "", types: [], phases: [] };

export function isEmptyFilter(f: TimelineFilter): boolean {
  return f.text === "" && f.types.length === 0 && f.phases.length === 0;
}

/** What a row offers to the filter. Non-event rows (comments, anomalies, end) have no type or phase. */
export interface RowFacts {
  type: string | null;
  phase: Phase | null;
  /** Searched texts (no need to join them: each is tested on its own). */
  texts: readonly string[];
}

/** A row test for `f`, compiled once (no per-row lower-casing of large data). */
export function rowMatcher(f: TimelineFilter): (row: RowFacts) => boolean {
  const re = f.text === "" ? null : new RegExp(f.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  return (row) => {
    if (f.types.length > 0 && (row.type === null || !f.types.includes(row.type))) return false;
    if (f.phases.length > 0 && (row.phase === null || !f.phases.includes(row.phase))) return false;
    if (re && !row.texts.some((t) => re.test(t))) return false;
    return true;
  };
}

export function rowMatches(f: TimelineFilter, row: RowFacts): boolean {
  return rowMatcher(f)(row);
}

/** Indices of matching rows, extended as rows arrive. */
export interface FilteredRows {
  readonly indices: number[];
  /** Rows tested so far. */
  readonly scanned: number;
  /**
   * Test rows from where it stopped up to `count`, until `deadline` (a `now()` value) if
   * given. Returns true when every row up to `count` has been tested.
   */
  extend(count: number, facts: (row: number) => RowFacts, deadline?: number, now?: () => number): boolean;
}

export function filteredRows(f: TimelineFilter): FilteredRows {
  const indices: number[] = [];
  const test = rowMatcher(f);
  let scanned = 0;
  return {
    indices,
    get scanned() {
      return scanned;
    },
    extend(count, facts, deadline, now = () => performance.now()) {
      while (scanned < count) {
        if (test(facts(scanned))) indices.push(scanned);
        scanned++;
        // Check the clock every 256 rows: cheap, and fine-grained enough.
        if (deadline !== undefined && (scanned & 255) === 0 && now() >= deadline) break;
      }
      return scanned >= count;
    },
  };
}
