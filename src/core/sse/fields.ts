/**
 * Field interpretation rules of WHATWG HTML §9.2.6 that are off the hot path:
 * `retry` validation and the diagnosis of ignored field names.
 */
import type { AnomalyCode } from "./types.js";

/**
 * The value of a `retry` field as the spec reads it: ASCII digits only, else null.
 * (`parseInt` would accept `1000x` and `-1`; the spec ignores both.)
 */
export function parseRetry(value: string): number | null {
  if (value.length === 0) return null;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(value);
}

const KNOWN = new Set(["data", "event", "id", "retry"]);

/**
 * Why a field name was ignored: a BOM glued to a line (`\uFEFFdata`, a second
 * BOM or concatenated streams), a near miss of a real field (`Data`, `data `),
 * or simply an unknown name.
 */
export function diagnoseField(name: string): { code: AnomalyCode; message: string } {
  if (name.charCodeAt(0) === 0xfeff) {
    return {
      code: "bom-mid-stream",
      message: `A byte order mark (U+FEFF) starts the line ${JSON.stringify(name)}: only one BOM at body offset 0 is stripped, so this field is ignored`,
    };
  }
  const folded = name.trim().toLowerCase();
  if (KNOWN.has(folded)) {
    return {
      code: "near-miss-field",
      message: `Field ${JSON.stringify(name)} is ignored: field names are case-sensitive and may not contain spaces (did you mean "${folded}"?)`,
    };
  }
  return { code: "unknown-field", message: `Unknown field ${JSON.stringify(name)} is ignored` };
}

/** Shorten a text for an anomaly message, keeping it readable. */
export function preview(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

const COLON = 58;

/** `data` at c. Char codes: String#startsWith with a position is slow on the hot path. */
export function isDataName(S: string, c: number): boolean {
  return (
    S.charCodeAt(c) === 100 &&
    S.charCodeAt(c + 1) === 97 &&
    S.charCodeAt(c + 2) === 116 &&
    S.charCodeAt(c + 3) === 97
  );
}

/** `event` at c. */
export function isEventName(S: string, c: number): boolean {
  return (
    S.charCodeAt(c) === 101 &&
    S.charCodeAt(c + 1) === 118 &&
    S.charCodeAt(c + 2) === 101 &&
    S.charCodeAt(c + 3) === 110 &&
    S.charCodeAt(c + 4) === 116
  );
}

/** `data:` at c. */
export function isData(S: string, c: number): boolean {
  return S.charCodeAt(c + 4) === COLON && isDataName(S, c);
}

/** `event:` at c. */
export function isEvent(S: string, c: number): boolean {
  return S.charCodeAt(c + 5) === COLON && isEventName(S, c);
}
