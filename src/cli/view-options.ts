/**
 * Options shared by every command that shows a stream (`sselens URL`, `inspect`):
 * which view, and how to read the stream. Commands spread these tables into
 * their own; a new family of flags (e.g. custom rules) adds a table here.
 */
import { FORMAT_NAMES } from "../core/formats/types.js";
import type { OptionTable, OptionValues } from "./options.js";

export const OUTPUT_OPTIONS = {
  events: {
    type: "boolean",
    group: "Output",
    description: 'NDJSON: one line per event as it arrives, {"type","data","id","t","index"}, nothing else',
  },
  comments: {
    type: "boolean",
    group: "Output",
    description: 'with --events, also SSE comments as {"comment","t"}',
  },
  json: {
    type: "boolean",
    group: "Output",
    description: "one JSON report at the end, and nothing else on stdout (whatever the exit status)",
  },
  raw: { type: "boolean", group: "Output", description: "the (decoded) body bytes, untouched" },
  "no-color": { type: "boolean", group: "Output", description: "no ANSI colours (also: NO_COLOR=1)" },
} as const satisfies OptionTable;

export const READ_OPTIONS = {
  format: {
    type: "string",
    value: "NAME",
    group: "Reading the stream",
    description: `override detection: ${FORMAT_NAMES.join(", ")}`,
  },
  path: {
    type: "string",
    value: "'$…'",
    group: "Custom formats (docs/rules.md)",
    description: "merge with a JSONPath rule (RFC 9535): where the answer text is in each event's JSON",
  },
  "reasoning-path": {
    type: "string",
    value: "'$…'",
    group: "Custom formats (docs/rules.md)",
    description: "with --path: where the thinking is",
  },
  event: {
    type: "string",
    multiple: true,
    value: "NAME",
    group: "Custom formats (docs/rules.md)",
    description: "with --path: only events with this SSE event name (repeatable)",
  },
  rules: {
    type: "string",
    value: "FILE",
    group: "Custom formats (docs/rules.md)",
    description: "merge with a saved JSONPath rule (JSON)",
  },
  script: {
    type: "string",
    value: "FILE",
    group: "Custom formats (docs/rules.md)",
    description: "merge with a post-processor script (onEvent/onEnd), run in a sandbox",
  },
} as const satisfies OptionTable;

export const VIEW_OPTIONS = { ...OUTPUT_OPTIONS, ...READ_OPTIONS } as const satisfies OptionTable;

export type ViewName = "reply" | "events" | "json" | "raw";

/** The one view selected by the flags; more than one is a usage error (caller reports it). */
export function selectedViews(values: OptionValues<typeof OUTPUT_OPTIONS>): ViewName[] {
  const views: ViewName[] = [];
  if (values.events) views.push("events");
  if (values.json) views.push("json");
  if (values.raw) views.push("raw");
  return views;
}
