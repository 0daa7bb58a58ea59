/**
 * Readers for untrusted wire JSON, shared by every format fold.
 *
 * Wire shapes are never trusted: each field is read through one of these where it is used, and
 * a value of the wrong type reads as `undefined` (or `null` where noted), so a malformed event
 * becomes an anomaly or is skipped, never a crash. Browser-safe: plain values in, plain values out.
 *
 * @example
 * const usage = asRecord(event.json)?.["usage"];
 * const input = asNumber(asRecord(usage)?.["input_tokens"]) ?? null;
 */

/** A plain JSON object (not null, not an array), or undefined. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** An array, or undefined. */
export function asArray(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** A string, or undefined. */
export function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A finite number, or undefined. */
export function asNumber(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** An index (of a block, candidate, choice, tool call...): a non-negative integer, or undefined. */
export function asIndex(v: unknown): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** A provider code that may be a string or a number (OpenRouter sends numeric HTTP-like codes), or null. */
export function asCode(v: unknown): string | null {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** Is `v` one of `list`? A type guard for the unions wire types declare as `as const` lists. */
export function isOneOf<T extends string>(list: readonly T[], v: string): v is T {
  return (list as readonly string[]).includes(v);
}

/** `v.a.b.c`, each step validated: undefined as soon as a step is not an object. */
export function dig(v: unknown, ...path: string[]): unknown {
  let node = v;
  for (const key of path) {
    const rec = asRecord(node);
    if (!rec) return undefined;
    node = rec[key];
  }
  return node;
}

/**
 * The type of an event typed in its data (Anthropic, Cohere, OpenAI Responses): `data.type`,
 * else the SSE `event:` name, unless that is only the default `message`.
 */
export function eventType(data: { type?: unknown }, sseType: string): string | undefined {
  return asString(data.type) ?? (sseType === "message" ? undefined : sseType);
}

/**
 * Why `text` is not JSON (the parser's message), or undefined when it parses.
 * Used to check finished tool-argument strings, which stay exactly as streamed either way.
 */
export function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Does `text` parse as JSON? */
export function isJson(text: string): boolean {
  return jsonError(text) === undefined;
}

/**
 * Compact JSON of a delivered tool input; a missing one is the empty object `{}` the APIs
 * start from (a tool call without arguments has none).
 */
export function compactJson(value: unknown): string {
  return JSON.stringify(value === undefined ? {} : value) ?? "{}";
}
