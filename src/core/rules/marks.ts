/**
 * How a rule tells the UI what it did with each event, inside the ordinary
 * `Delta` stream: events that yielded nothing carry one `meta` delta under
 * `RULE_META_KEY`, and `finish` emits a summary under the same key, so the
 * report's `meta.rule` ends up holding the summary.
 */
import type { Delta } from "../formats/types.js";

export const RULE_META_KEY = "rule";

/**
 * Why an event yielded no text:
 * - `no-match`: it passed the filters, but no path of the rule matched it;
 * - `empty`: paths matched, but only `null` or empty strings;
 * - `not-json`: its data is not JSON (and it is not the end signal);
 * - `filtered-event`: its event name is not in the rule's `events`;
 * - `filtered-when`: the rule's `when` did not match it;
 * - `after-end`: it came after the rule's end condition.
 */
export type RuleMarkReason =
  | "no-match"
  | "empty"
  | "not-json"
  | "filtered-event"
  | "filtered-when"
  | "after-end";

/** Value of the per-event `meta` delta for an event the rule extracted nothing from. */
export interface RuleMark {
  event: number;
  extracted: false;
  reason: RuleMarkReason;
}

/** Value of the `meta` delta `finish` emits: how the rule did over the whole stream. */
export interface RuleSummary {
  name: string;
  events: number;
  /** Events that yielded at least one delta. */
  extracted: number;
  /** Nodes each configured path matched over the whole stream. */
  hits: Record<string, number>;
  /** Indices of events that yielded nothing (first 1,000). */
  unmatched: number[];
}

export function markDelta(event: number, reason: RuleMarkReason): Delta {
  const value: RuleMark = { event, extracted: false, reason };
  return { kind: "meta", key: RULE_META_KEY, value };
}

/**
 * The mark among one event's deltas, if the rule extracted nothing from it.
 *
 * @example
 * session callbacks: onEvent(ev, deltas) { if (ruleMark(deltas)) highlight(ev.index); }
 */
export function ruleMark(deltas: readonly Delta[]): RuleMark | null {
  for (const d of deltas) {
    if (d.kind === "meta" && d.key === RULE_META_KEY && isRuleMark(d.value)) return d.value;
  }
  return null;
}

export function isRuleMark(value: unknown): value is RuleMark {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as RuleMark).extracted === false &&
    typeof (value as RuleMark).event === "number"
  );
}
