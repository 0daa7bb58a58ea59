/**
 * A stream's envelope, learnt from two consecutive events.
 *
 * LLM streams repeat the same JSON around every fragment: an OpenAI chunk differs from the
 * one before only in `delta.content`, an Ollama line in `created_at` and `message.content`, a
 * Responses event in `sequence_number` and `delta`. A template keeps the text that stayed the
 * same as constant segments and the values that changed (strings and integers) as holes, so
 * the next event is read by comparing segments and slicing the holes out, and its value is
 * the last parsed value with the holes replaced: no `JSON.parse` of the whole text.
 *
 * Only a text that `JSON.parse` would accept with the same structure ever matches: every
 * constant segment must be equal character for character, a string hole must be a valid JSON
 * string (escapes are decoded by `JSON.parse` on that string alone; raw control characters
 * refuse the match), and an integer hole must be `-?(0|[1-9][0-9]*)`. Anything else is a miss
 * and the caller parses the text normally.
 */
import { type PathSegment, scanValues, type ValueToken } from "./scan.js";

/** Returned by `read` when the text does not fit the template. */
export const MISS: unique symbol = Symbol("template miss");

/** At most this many values are compared when learning a template. */
const MAX_VALUES = 64;
/** At most this many holes; more means the events are not one envelope. */
const MAX_HOLES = 8;

interface Plan {
  key: PathSegment;
  /** Which hole this is, or -1 for an object or array on the way to holes. */
  hole: number;
  children: Plan[];
}

/** A learnt envelope. */
export interface Template {
  /** The value of `text`, or MISS when it does not fit. */
  read(text: string): unknown;
}

/**
 * Learn the envelope shared by `before` and `text` (both accepted by `JSON.parse`; `value` is
 * `JSON.parse(text)`), or null when they differ by more than string and integer values.
 *
 * @example
 * const t = learnTemplate('{"d":"a","n":1}', '{"d":"b","n":2}', { d: "b", n: 2 });
 * t?.read('{"d":"c","n":3}'); // { d: "c", n: 3 }
 * t?.read('{"d":"c","n":3.5}'); // MISS
 */
export function learnTemplate(before: string, text: string, value: unknown): Template | null {
  const a = scanValues(before, MAX_VALUES);
  const b = scanValues(text, MAX_VALUES);
  if (a === null || b === null || a.length !== b.length) return null;
  const segments: string[] = [];
  const holes: ValueToken[] = [];
  let fromA = 0;
  let fromB = 0;
  let segmentStart = 0;
  for (let i = 0; i < b.length; i++) {
    const ta = a[i]!;
    const tb = b[i]!;
    if (before.slice(fromA, ta.start) !== text.slice(fromB, tb.start)) return null;
    fromA = ta.end;
    fromB = tb.end;
    if (before.slice(ta.start, ta.end) === text.slice(tb.start, tb.end)) continue;
    if (ta.kind !== tb.kind || tb.kind === "number" || holes.length === MAX_HOLES) return null;
    if (tb.path.includes("__proto__")) return null;
    // A string hole keeps its quotes in the segments around it: the opening one ends the
    // segment before, the closing one starts the segment after.
    const quote = tb.kind === "string" ? 1 : 0;
    segments.push(text.slice(segmentStart, tb.start + quote));
    segmentStart = tb.end - quote;
    holes.push(tb);
  }
  if (before.slice(fromA) !== text.slice(fromB) || holes.length === 0) return null;
  segments.push(text.slice(segmentStart));
  return compile(segments, holes, value);
}

function compile(segments: string[], holes: ValueToken[], base: unknown): Template {
  const strings = holes.map((h) => h.kind === "string");
  const root: Plan = { key: "", hole: -1, children: [] };
  holes.forEach((h, index) => {
    let node = root;
    if (h.path.length === 0) node.hole = index;
    h.path.forEach((key, depth) => {
      let child = node.children.find((c) => c.key === key);
      if (child === undefined) {
        child = { key, hole: -1, children: [] };
        node.children.push(child);
      }
      if (depth === h.path.length - 1) child.hole = index;
      node = child;
    });
  });
  const values: unknown[] = new Array(holes.length);
  const first = segments[0]!;

  return {
    read(text: string): unknown {
      // `slice() ===` rather than startsWith: on Node 20 startsWith compares a character at a
      // time (about 10x slower on a 200-character envelope), equality compares memory.
      if (text.slice(0, first.length) !== first) return MISS;
      let pos = first.length;
      const n = text.length;
      for (let h = 0; h < strings.length; h++) {
        let j = pos;
        if (strings[h]) {
          let escaped = false;
          for (;;) {
            if (j >= n) return MISS;
            const c = text.charCodeAt(j);
            if (c === 0x22) break;
            if (c < 0x20) return MISS;
            if (c === 0x5c) {
              escaped = true;
              j += 2;
            } else j++;
          }
          // Escapes, and long strings: JSON.parse decodes them and returns a string of its own
          // (a long slice would keep the whole event text alive for as long as the fragment).
          if (escaped || j - pos >= 13) {
            try {
              values[h] = JSON.parse(text.slice(pos - 1, j + 1));
            } catch {
              return MISS;
            }
          } else values[h] = text.slice(pos, j);
        } else {
          if (text.charCodeAt(j) === 0x2d) j++;
          const digits = j;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c < 0x30 || c > 0x39) break;
            j++;
          }
          if (j === digits || (text.charCodeAt(digits) === 0x30 && j - digits > 1)) return MISS;
          values[h] = Number(text.slice(pos, j));
        }
        const segment = segments[h + 1]!;
        if (text.slice(j, j + segment.length) !== segment) return MISS;
        pos = j + segment.length;
      }
      if (pos !== n) return MISS;
      return root.hole >= 0 ? values[root.hole] : rebuild(root, base, values);
    },
  };
}

/** A copy of `source` along the paths to the holes, with the holes' new values; the rest is shared. */
function rebuild(plan: Plan, source: unknown, values: unknown[]): unknown {
  const out = (Array.isArray(source) ? source.slice() : { ...(source as Record<string, unknown>) }) as Record<
    PathSegment,
    unknown
  >;
  const from = source as Record<PathSegment, unknown>;
  for (const child of plan.children) {
    out[child.key] = child.hole >= 0 ? values[child.hole] : rebuild(child, from[child.key], values);
  }
  return out;
}
