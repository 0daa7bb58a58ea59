/**
 * The hint shown when a path matched nothing in a whole stream: where the first
 * event's JSON does hold text, written as paths the user can paste.
 */
import type { JSONValue } from "json-p3";
import { compilePath } from "./path.js";

const MAX_HINTS = 5;

/** `$['choices'][0]['delta']` → `$.choices[0].delta` where member names allow it. */
function shorthand(normalized: string): string {
  return normalized.replace(/\['([A-Za-z_][A-Za-z0-9_]*)'\]/g, ".$1");
}

export function pathHints(sample: unknown): string {
  if (typeof sample !== "object" || sample === null) {
    return `The first JSON event is ${JSON.stringify(sample)?.slice(0, 80)}, not an object or array.`;
  }
  const all = compilePath("$..*");
  if (!all.ok) return "";
  const strings: string[] = [];
  for (const node of all.query.lazyQuery(sample as JSONValue)) {
    if (typeof node.value === "string") strings.push(shorthand(node.getPath()));
    if (strings.length >= MAX_HINTS) break;
  }
  const keys = Array.isArray(sample)
    ? `an array of ${sample.length}`
    : `keys ${Object.keys(sample).join(", ")}`;
  if (strings.length === 0) return `The first JSON event has ${keys} and no string values.`;
  return `The first JSON event has ${keys}; it holds strings at ${strings.join(", ")}.`;
}
