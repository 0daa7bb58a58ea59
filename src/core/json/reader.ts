/**
 * `JSON.parse` for a stream of events that share an envelope: same results, same errors, less
 * work. After two consecutive events differ only in string or integer values, the next ones
 * are read through the learnt template (template.ts) until one does not fit; that one is
 * parsed normally and may teach a new template.
 *
 * The values it returns may share unchanged objects with values it returned before (an
 * OpenAI chunk's `choices[0]` is new, its `usage` from an earlier template is not): treat them
 * as read-only, as every format fold does.
 */
import { learnTemplate, MISS, type Template } from "./template.js";

/** Texts longer than this are parsed, never learnt from (learning scans both texts in JS). */
const MAX_LEARN_CHARS = 16 * 1024;
/** After a failed attempt to learn, wait 1, 2, 4... up to this many events before the next. */
const MAX_BACKOFF = 64;

/** A stateful JSON parser for one stream. */
export interface JsonReader {
  /** `JSON.parse(text)`: the same value, or the same SyntaxError. */
  parse(text: string): unknown;
  /** How many texts were read through a template, and how many were parsed in full. */
  readonly stats: { templated: number; parsed: number };
}

/**
 * Create a reader for one stream.
 *
 * @example
 * const reader = createJsonReader();
 * for (const event of events) fold(reader.parse(event.data));
 */
export function createJsonReader(): JsonReader {
  let template: Template | null = null;
  let previous: string | null = null;
  let wait = 0;
  let backoff = 1;
  const stats = { templated: 0, parsed: 0 };

  return {
    stats,
    parse(text: string): unknown {
      if (template !== null) {
        const value = template.read(text);
        if (value !== MISS) {
          stats.templated++;
          previous = text;
          return value;
        }
      }
      const value: unknown = JSON.parse(text);
      stats.parsed++;
      if (previous !== null && text.length <= MAX_LEARN_CHARS && previous.length <= MAX_LEARN_CHARS) {
        if (wait > 0) wait--;
        else {
          const learnt = learnTemplate(previous, text, value);
          if (learnt !== null) {
            template = learnt;
            backoff = 1;
          } else {
            wait = backoff;
            backoff = Math.min(backoff * 2, MAX_BACKOFF);
          }
        }
      }
      // A long text is never learnt from, so it is not kept either (it would pin its decoded line).
      previous = text.length <= MAX_LEARN_CHARS ? text : null;
      return value;
    },
  };
}
