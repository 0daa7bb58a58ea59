/**
 * The rule file: its shape (documented in docs/rules.md) and the validation that
 * turns unknown JSON into a `RuleSpec` or a list of field errors.
 */
import { FORMAT_NAMES } from "../formats/types.js";

/** A JSONPath rule as users write it (JSON). Every path is an RFC 9535 query. */
export interface RuleSpec {
  /** Shown as the format label; cannot be a built-in format name. */
  name?: string;
  /** Where the answer text is, e.g. `$.choices[0].delta.content`. */
  content: string;
  /** Where the thinking is. */
  reasoning?: string;
  /** Where a tool call's name is (starts a new tool call). */
  toolName?: string;
  /** Where a tool call's arguments are (appended to the current tool call). */
  toolArguments?: string;
  /** Where the finish reason is. */
  finishReason?: string;
  /** Only events with one of these SSE event names. */
  events?: string[];
  /** Only events whose JSON this matches: a query (`$..`, non-empty result) or a filter (`?@.type == 'x'`). */
  when?: string;
  /** What ends the stream; any one condition suffices. Default: `{ data: "[DONE]" }`. */
  end?: { data?: string; event?: string; when?: string };
}

/** One problem with a rule: which field, why, and where in that field's path. */
export interface RuleFieldError {
  /** e.g. `content`, `end.when`, `events[1]`, or `$` for the rule as a whole. */
  field: string;
  message: string;
  /** 0-based character offset in the field's path, for JSONPath syntax errors. */
  position?: number;
}

export const PATH_FIELDS = ["content", "reasoning", "toolName", "toolArguments", "finishReason"] as const;
export type PathField = (typeof PATH_FIELDS)[number];

const KNOWN = new Set<string>([...PATH_FIELDS, "name", "events", "when", "end"]);
const END_KNOWN = new Set(["data", "event", "when"]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Check the shape of a rule (not its paths); returns the spec or the shape errors. */
export function checkRuleShape(
  spec: unknown,
): { ok: true; spec: RuleSpec } | { ok: false; errors: RuleFieldError[] } {
  if (!isRecord(spec))
    return { ok: false, errors: [{ field: "$", message: "a rule must be a JSON object" }] };
  const errors: RuleFieldError[] = [];
  for (const key of Object.keys(spec)) {
    if (!KNOWN.has(key))
      errors.push({ field: key, message: `unknown field (known: ${[...KNOWN].join(", ")})` });
  }
  const str = (field: string, v: unknown): void => {
    if (v !== undefined && typeof v !== "string") errors.push({ field, message: "must be a string" });
  };
  if (spec.content === undefined)
    errors.push({ field: "content", message: "is required (a JSONPath query)" });
  for (const f of PATH_FIELDS) str(f, spec[f]);
  str("name", spec.name);
  str("when", spec.when);
  if (typeof spec.name === "string" && (FORMAT_NAMES as readonly string[]).includes(spec.name)) {
    errors.push({ field: "name", message: `"${spec.name}" is a built-in format name; choose another` });
  }
  if (spec.events !== undefined) {
    if (!Array.isArray(spec.events)) {
      errors.push({ field: "events", message: "must be an array of event names" });
    } else if (spec.events.length === 0) {
      errors.push({ field: "events", message: "lists no event names (leave it out to accept every event)" });
    } else
      spec.events.forEach((e, i) => {
        if (typeof e !== "string") errors.push({ field: `events[${i}]`, message: "must be a string" });
      });
  }
  if (spec.end !== undefined) {
    if (!isRecord(spec.end))
      errors.push({ field: "end", message: "must be an object {data?, event?, when?}" });
    else {
      for (const key of Object.keys(spec.end)) {
        if (!END_KNOWN.has(key))
          errors.push({ field: `end.${key}`, message: "unknown field (known: data, event, when)" });
      }
      for (const key of END_KNOWN) str(`end.${key}`, spec.end[key]);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, spec: spec as unknown as RuleSpec };
}
