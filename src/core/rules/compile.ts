/**
 * `compileRule`: from unknown JSON to a `Format` the pipeline folds like any
 * built-in one. Every path is compiled up front; an invalid one is refused with
 * its field, reason and position.
 */
import type { JSONPathQuery, JSONValue } from "json-p3";
import type { Format } from "../formats/types.js";
import { createPathEnvironment } from "./environment.js";
import { createRuleFormat } from "./fold.js";
import { compilePath } from "./path.js";
import { checkRuleShape, PATH_FIELDS, type PathField, type RuleFieldError, type RuleSpec } from "./spec.js";

/** A test on one event's JSON: true when the query yields at least one node. */
export type JsonTest = (json: unknown) => boolean;

/** The compiled parts of a rule, as the fold uses them. */
export interface RuleProgram {
  spec: RuleSpec;
  label: string;
  paths: Partial<Record<PathField, JSONPathQuery>>;
  events: ReadonlySet<string> | null;
  when: JsonTest | null;
  end: { data: string | null; event: string | null; when: JsonTest | null; explicit: boolean };
  /** Where regex-limit messages go while an event is evaluated (set by the fold). */
  limitSink: { current: ((message: string) => void) | null };
}

export interface CompiledRule {
  spec: RuleSpec;
  /** The format to hand to the pipeline (`SessionOptions.format`); its state is private to it. */
  format: Format;
}

export type CompileResult = { ok: true; rule: CompiledRule } | { ok: false; errors: RuleFieldError[] };

/**
 * Compile a condition. `?<filter>` tests the event's JSON itself (`@` is the
 * event), anything else is a query that must yield at least one node.
 */
function compileTest(
  field: string,
  source: string,
  compile: (p: string) => ReturnType<typeof compilePath>,
  errors: RuleFieldError[],
): JsonTest | null {
  const isFilter = source.trimStart().startsWith("?");
  const result = compile(isFilter ? `$[${source}]` : source);
  if (!result.ok) {
    const position = Math.max(0, result.error.position - (isFilter ? 2 : 0));
    errors.push({ field, message: result.error.message, position });
    return null;
  }
  const q = result.query;
  return isFilter
    ? (json) => json !== undefined && q.query([json] as JSONValue).length > 0
    : (json) => json !== undefined && q.query(json as JSONValue).length > 0;
}

/**
 * Compile a JSONPath rule (see docs/rules.md) into a custom format.
 *
 * @example
 * const r = compileRule({ content: "$.choices[0].message.content" });
 * if (r.ok) createSession({ format: r.rule.format });
 * else for (const e of r.errors) console.error(`${e.field}: ${e.message}`);
 */
export function compileRule(spec: unknown): CompileResult {
  const shape = checkRuleShape(spec);
  if (!shape.ok) return shape;
  const s = shape.spec;
  const limitSink: RuleProgram["limitSink"] = { current: null };
  const env = createPathEnvironment((message) => limitSink.current?.(message));
  const compile = (p: string) => compilePath(p, env);
  const errors: RuleFieldError[] = [];

  const paths: RuleProgram["paths"] = {};
  for (const field of PATH_FIELDS) {
    const source = s[field];
    if (source === undefined) continue;
    const result = compile(source);
    if (result.ok) paths[field] = result.query;
    else errors.push({ field, message: result.error.message, position: result.error.position });
  }
  const when = s.when === undefined ? null : compileTest("when", s.when, compile, errors);
  const endWhen = s.end?.when === undefined ? null : compileTest("end.when", s.end.when, compile, errors);
  if (errors.length > 0) return { ok: false, errors };

  const program: RuleProgram = {
    spec: s,
    label: s.name ?? "Custom rule",
    paths,
    events: s.events ? new Set(s.events) : null,
    when,
    end: s.end
      ? { data: s.end.data ?? null, event: s.end.event ?? null, when: endWhen, explicit: true }
      : { data: "[DONE]", event: null, when: null, explicit: false },
    limitSink,
  };
  // The fold's state type stays private: the pipeline treats every format's state as opaque.
  return { ok: true, rule: { spec: s, format: createRuleFormat(program) as Format } };
}

/**
 * Parse and compile a rule file's text. JSON syntax errors are reported on field `$`.
 *
 * @example
 * const r = parseRule(await readFile("tgi.rule.json", "utf8"));
 */
export function parseRule(text: string): CompileResult {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ field: "$", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return compileRule(spec);
}
