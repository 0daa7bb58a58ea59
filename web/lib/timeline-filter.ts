/**
 * Timeline search and filters, over the run's plain arrays. Incremental: new rows are
 * tested as they arrive, so filtering 100,000 events never re-scans on every frame.
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
  text: string;
}

export function rowMatches(f: TimelineFilter, row: RowFacts): boolean {
  if (f.types.length > 0 && (row.type === null || !f.types.includes(row.type))) return false;
  if (f.phases.length > 0 && (row.phase === null || !f.phases.includes(row.phase))) return false;
  if (f.text !== "" && !row.text.toLowerCase().includes(f.text.toLowerCase())) return false;
  return true;
}

/** Indices of matching rows, extended as rows arrive. */
export interface FilteredRows {
  readonly indices: number[];
  /** Test rows from where it stopped up to `count`. */
  extend(count: number, facts: (row: number) => RowFacts): void;
}

export function filteredRows(f: TimelineFilter): FilteredRows {
  const indices: number[] = [];
  let scanned = 0;
  return {
    indices,
    extend(count, facts) {
      for (; scanned < count; scanned++) if (rowMatches(f, facts(scanned))) indices.push(scanned);
    },
  };
}
