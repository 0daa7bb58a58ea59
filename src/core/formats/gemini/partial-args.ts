/**
 * Vertex AI streamed function arguments (`streamFunctionCallArguments`): a call opens with
 * `{name, willContinue: true}`, then parts carry `partialArgs: [{jsonPath, stringValue |
 * numberValue | boolValue | nullValue, willContinue}]`, and an empty `functionCall: {}` (no
 * `willContinue`) closes it. A string value whose previous piece for the same path had
 * `willContinue: true` continues that string. Paths are RFC 9535 normalized-style paths such
 * as `$.foo.bar[0].data` or `$['a b']`.
 */

import { asNumber, asRecord, asString } from "../values.js";
import type { WirePartialArg } from "./wire.js";

type Segment = string | number;

/** `$.a[0]['b c']` → `["a", 0, "b c"]`; undefined when the path is not of that simple form. */
export function parseJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const out: Segment[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let i = 1;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push((m[3] ?? m[4] ?? "").replace(/\\(.)/g, "$1"));
    i = re.lastIndex;
  }
  return out;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === "object" && v !== null;
}

/** Define (never assign) so a key such as `__proto__` stays a plain data property. */
function put(target: Container, key: Segment, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value that `append` would continue, or undefined. */
function get(root: Container, path: Segment[]): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (!isContainer(node) || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}

/** Set `value` at `path` inside `root`, creating objects/arrays on the way. False when a scalar is in the way. */
function set(root: Record<string, unknown>, path: Segment[], value: unknown): boolean {
  if (path.length === 0) return false;
  let node: Container = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as Segment;
    const nextIsIndex = typeof path[i + 1] === "number";
    let child: unknown = Object.hasOwn(node, seg)
      ? (node as Record<string, unknown>)[seg as string]
      : undefined;
    if (child === undefined) {
      child = nextIsIndex ? [] : {};
      put(node, seg, child);
    }
    if (!isContainer(child)) return false;
    node = child;
  }
  put(node, path[path.length - 1] as Segment, value);
  return true;
}

/** The arguments of one streamed call, built up part by part. */
export interface PartialCall {
  args: Record<string, unknown>;
  /** Paths whose last string piece said `willContinue: true`. */
  continuing: Set<string>;
}

export function newPartialCall(args: unknown): PartialCall {
  // A deep copy: set() writes into nested objects, and the wire value is read-only (the session's
  // JSON reader may share unchanged sub-objects between events).
  return { args: structuredClone(asRecord(args) ?? {}), continuing: new Set() };
}

/**
 * Apply `partialArgs` to `call`. Returns a problem description per piece that could not be
 * applied (bad path, no value), so the caller can flag them; good pieces are applied.
 */
export function applyPartialArgs(call: PartialCall, partialArgs: unknown): string[] {
  if (!Array.isArray(partialArgs)) return partialArgs === undefined ? [] : ["partialArgs is not an array"];
  const problems: string[] = [];
  for (const raw of partialArgs) {
    const piece = (asRecord(raw) ?? {}) as WirePartialArg;
    const jsonPath = asString(piece.jsonPath);
    const path = jsonPath === undefined ? undefined : parseJsonPath(jsonPath);
    if (jsonPath === undefined || path === undefined) {
      problems.push(
        `partial argument with an unusable jsonPath ${JSON.stringify(piece.jsonPath) ?? "undefined"}`,
      );
      continue;
    }
    const str = asString(piece.stringValue);
    let value: unknown;
    if (str !== undefined) {
      const previous = get(call.args, path);
      value = call.continuing.has(jsonPath) && typeof previous === "string" ? previous + str : str;
    } else if (asNumber(piece.numberValue) !== undefined) value = piece.numberValue;
    else if (typeof piece.boolValue === "boolean") value = piece.boolValue;
    else if (piece.nullValue !== undefined) value = null;
    else {
      problems.push(`partial argument for ${jsonPath} carries no value`);
      continue;
    }
    if (!set(call.args, path, value))
      problems.push(`partial argument path ${jsonPath} runs through a scalar`);
    if (piece.willContinue === true && str !== undefined) call.continuing.add(jsonPath);
    else call.continuing.delete(jsonPath);
  }
  return problems;
}
