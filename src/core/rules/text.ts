/**
 * How a matched JSON value becomes text: strings as they are, numbers and
 * booleans printed, `null` skipped, arrays joined (so a path that selects an
 * array of fragments reads as one text), objects as compact JSON (e.g. tool
 * arguments delivered as an object).
 */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    let text = "";
    for (const item of value) text += valueText(item) ?? "";
    return text;
  }
  return JSON.stringify(value);
}
