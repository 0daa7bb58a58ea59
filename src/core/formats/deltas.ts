/** Small builders shared by the format folds. */
import type { Anomaly, AnomalyCode } from "../sse/types.js";
import type { ThinkSegment } from "./think-tags.js";
import type { Delta } from "./types.js";

/**
 * An anomaly as a Delta. `event` is the index of the event it concerns; leave it out where the
 * reply's `apply` fills it in (the event being folded) or where there is none (the body's end).
 *
 * @example
 * out.push(anomaly("unknown-event-type", `unknown event type "${type}"; kept in the event list`));
 */
export function anomaly(code: AnomalyCode, message: string, event?: number): Delta {
  const a: Anomaly = { code, message };
  if (event !== undefined) a.event = event;
  return { kind: "anomaly", anomaly: a };
}

/**
 * A total for providers that send no total of their own: input + output, a missing side
 * counted as 0, and null when neither was sent.
 */
export function tokenTotal(input: number | null, output: number | null): number | null {
  return input === null && output === null ? null : (input ?? 0) + (output ?? 0);
}

/**
 * Whether `value` differs from the last value recorded under `key` in `sent`, recording it when
 * it does. Providers repeat stream metadata (id, model, safety ratings) on every chunk: a fold
 * sends a `meta` delta only on a change. Strings compare as they are (the hot path, no
 * serialising); other values by their JSON text.
 */
export function valueChanged(sent: Map<string, string>, key: string, value: unknown): boolean {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  if (sent.get(key) === text) return false;
  sent.set(key, text);
  return true;
}

/**
 * What think-tag segments add to choice `choice`: answer and reasoning text, and for a closing
 * tag with no opener an `out-of-order` anomaly (the text before it was already shown as answer).
 * `where` starts the anomaly's message (e.g. `choice 1: `) for formats with several choices.
 */
export function segmentDeltas(
  segments: readonly ThinkSegment[],
  choice: number,
  where = "",
  event?: number,
): Delta[] {
  const out: Delta[] = [];
  for (const s of segments) {
    if (s.kind === "stray-close") {
      out.push(
        anomaly(
          "out-of-order",
          `${where}${s.tag} without an opening tag after answer text was shown; the text before it was probably reasoning`,
          event,
        ),
      );
    } else if (s.text !== "") out.push({ kind: s.kind, choice, text: s.text });
  }
  return out;
}
