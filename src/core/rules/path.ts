/**
 * Compiling one JSONPath query into a Result: an invalid path is refused with the
 * reason and the position json-p3 found, never turned into "no match".
 */
import { type JSONPathEnvironment, JSONPathError, type JSONPathQuery } from "json-p3";
import { createPathEnvironment } from "./environment.js";

/** Why a path was refused: `position` is the 0-based character offset in the path. */
export interface PathError {
  message: string;
  position: number;
}

export type PathResult = { ok: true; query: JSONPathQuery } | { ok: false; error: PathError };

let shared: JSONPathEnvironment | undefined;

/**
 * Compile a JSONPath query (RFC 9535).
 *
 * @example
 * const r = compilePath("$.choices[0].delta.content");
 * if (r.ok) r.query.query(json).values();
 * else console.error(formatPathError("$.choices[0", r.error));
 */
export function compilePath(path: string, env?: JSONPathEnvironment): PathResult {
  if (!env) shared ??= createPathEnvironment();
  const environment = env ?? shared!;
  try {
    return { ok: true, query: environment.compile(path) };
  } catch (error) {
    if (error instanceof JSONPathError) {
      // json-p3 appends "('<snippet>':<index>)" to its messages; we carry the position separately.
      const message = error.message.replace(/\s*\(.*:\d+\)$/s, "");
      return { ok: false, error: { message, position: error.token.index } };
    }
    // json-p3 raises plain errors for some limits (e.g. deeply nested filters): still a refusal.
    if (error instanceof Error) return { ok: false, error: { message: error.message, position: 0 } };
    throw error;
  }
}

/**
 * A refusal as the CLI prints it: the reason, then the path with a caret under the position.
 *
 * @example
 * formatPathError("$.a[", { message: "unclosed bracketed selection", position: 4 });
 * // "unclosed bracketed selection at position 4\n  $.a[\n      ^"
 */
export function formatPathError(path: string, error: PathError): string {
  const line = path.replace(/[\r\n\t]/g, " ");
  return `${error.message} at position ${error.position}\n  ${line}\n  ${" ".repeat(error.position)}^`;
}
