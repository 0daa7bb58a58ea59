/**
 * The fold a compiled rule runs: per event, the filters, the end condition and
 * the extraction of each configured path into deltas. Pure apart from the
 * state it owns; never throws on any input.
 */
import { JSONPathError, type JSONValue } from "json-p3";
import type { Delta, Format } from "../formats/types.js";
import type { StreamEvent } from "../sse/types.js";
import type { RuleProgram } from "./compile.js";
import { pathHints } from "./hints.js";
import { markDelta, RULE_META_KEY, type RuleMarkReason, type RuleSummary } from "./marks.js";
import { PATH_FIELDS, type PathField } from "./spec.js";
import { valueText } from "./text.js";

export interface RuleState {
  events: number;
  extracted: number;
  unmatched: number[];
  hits: Record<PathField, number>;
  jsonEvents: number;
  /** The first event's JSON, kept for the "matched nothing" hint. */
  sample: unknown;
  ended: boolean;
  afterEndReported: boolean;
  tools: number;
  currentTool: string | null;
  finished: boolean;
  limitNotes: Set<string>;
}

const MAX_UNMATCHED = 1000;

function describeEnd(end: RuleProgram["end"]): string {
  const parts: string[] = [];
  if (end.data !== null) parts.push(`data ${JSON.stringify(end.data)}`);
  if (end.event !== null) parts.push(`event ${JSON.stringify(end.event)}`);
  if (end.when !== null) parts.push("its `when` condition");
  return parts.join(" or ");
}

function isEnd(p: RuleProgram, event: StreamEvent & { json: unknown }): boolean {
  const { end } = p;
  return (
    (end.data !== null && event.data.trim() === end.data) ||
    (end.event !== null && event.type === end.event) ||
    end.when?.(event.json) === true
  );
}

/** Evaluate the rule's paths on one event's JSON. */
function extract(p: RuleProgram, state: RuleState, json: unknown): { deltas: Delta[]; matched: boolean } {
  const deltas: Delta[] = [];
  let matched = false;
  for (const field of PATH_FIELDS) {
    const query = p.paths[field];
    if (!query) continue;
    const nodes = query.query(json as JSONValue).nodes;
    if (nodes.length === 0) continue;
    matched = true;
    state.hits[field] += nodes.length;
    for (const node of nodes) {
      const text = valueText(node.value);
      if (text === null || text === "") continue;
      switch (field) {
        case "content":
        case "reasoning":
          deltas.push({ kind: field, choice: 0, text });
          break;
        case "toolName": {
          const key = `rule-${state.tools++}`;
          state.currentTool = key;
          deltas.push({ kind: "tool-start", choice: 0, key, id: null, name: text });
          break;
        }
        case "toolArguments": {
          if (state.currentTool === null) {
            state.currentTool = `rule-${state.tools++}`;
            deltas.push({ kind: "tool-start", choice: 0, key: state.currentTool, id: null, name: null });
          }
          deltas.push({ kind: "tool-args", choice: 0, key: state.currentTool, text });
          break;
        }
        case "finishReason":
          deltas.push({ kind: "finish", choice: 0, reason: text });
          break;
      }
    }
  }
  return { deltas, matched };
}

function step(p: RuleProgram, state: RuleState, event: StreamEvent & { json: unknown }): Delta[] {
  state.events++;
  const deltas: Delta[] = [];
  const mark = (reason: RuleMarkReason): Delta[] => {
    if (state.unmatched.length < MAX_UNMATCHED) state.unmatched.push(event.index);
    deltas.push(markDelta(event.index, reason));
    return deltas;
  };
  if (state.ended) {
    if (!state.afterEndReported) {
      state.afterEndReported = true;
      deltas.push({
        kind: "anomaly",
        anomaly: {
          code: "data-after-terminal",
          message: `event ${event.index} arrived after the rule's end condition (${describeEnd(p.end)})`,
          event: event.index,
        },
      });
    }
    return mark("after-end");
  }
  if (event.json !== undefined) {
    state.jsonEvents++;
    if (state.jsonEvents === 1) state.sample = event.json;
  }
  p.limitSink.current = (message) => {
    const text = `rule "${p.label}", event ${event.index}: ${message}`;
    if (state.limitNotes.size < 10) state.limitNotes.add(text);
  };
  try {
    const ends = isEnd(p, event);
    let extracted: Delta[] = [];
    let reason: RuleMarkReason | null = null;
    if (p.events !== null && !p.events.has(event.type)) reason = "filtered-event";
    else if (event.json === undefined) reason = "not-json";
    else if (p.when !== null && !p.when(event.json)) reason = "filtered-when";
    else {
      const r = extract(p, state, event.json);
      extracted = r.deltas;
      if (extracted.length === 0) reason = r.matched ? "empty" : "no-match";
    }
    deltas.push(...extracted);
    if (ends) {
      state.ended = true;
      deltas.push({ kind: "end" });
    }
    if (extracted.length > 0) state.extracted++;
    else if (!ends && reason !== null) mark(reason);
    return deltas;
  } catch (error) {
    // json-p3 raises at evaluation only for its own limits (e.g. recursion depth): report, go on.
    if (!(error instanceof JSONPathError)) throw error;
    deltas.push({ kind: "note", text: `rule "${p.label}", event ${event.index}: ${error.message}` });
    return mark("no-match");
  } finally {
    p.limitSink.current = null;
  }
}

function finish(p: RuleProgram, state: RuleState): Delta[] {
  if (state.finished) return [];
  state.finished = true;
  const deltas: Delta[] = [];
  for (const text of state.limitNotes) deltas.push({ kind: "note", text });
  if (state.events > 0 && state.jsonEvents === 0) {
    deltas.push({
      kind: "note",
      text: `rule "${p.label}": no event carried JSON data, and a rule reads JSON. For a non-JSON stream, use a script (--script).`,
    });
  } else if (state.jsonEvents > 0) {
    for (const field of PATH_FIELDS) {
      const source = p.spec[field];
      if (source === undefined || state.hits[field] > 0) continue;
      deltas.push({
        kind: "note",
        text: `rule "${p.label}": ${field} path ${source} matched nothing in ${state.jsonEvents} JSON event${state.jsonEvents === 1 ? "" : "s"}. ${pathHints(state.sample)}`,
      });
    }
  }
  if (!state.ended) {
    if (p.end.explicit) {
      deltas.push({
        kind: "anomaly",
        anomaly: {
          code: "missing-end-signal",
          message: `the rule's end condition (${describeEnd(p.end)}) never matched`,
        },
      });
    } else {
      deltas.push({
        kind: "end",
        note: `rule "${p.label}" names no end condition and no [DONE] arrived: the end of the body counts as the stream's end`,
      });
    }
  }
  const hits: Record<string, number> = {};
  for (const field of PATH_FIELDS) if (p.spec[field] !== undefined) hits[field] = state.hits[field];
  const summary: RuleSummary = {
    name: p.label,
    events: state.events,
    extracted: state.extracted,
    hits,
    unmatched: state.unmatched,
  };
  deltas.push({ kind: "meta", key: RULE_META_KEY, value: summary });
  return deltas;
}

export function createRuleFormat(p: RuleProgram): Format<RuleState> {
  return {
    name: "custom",
    label: p.label,
    json: true,
    init: () => ({
      events: 0,
      extracted: 0,
      unmatched: [],
      hits: { content: 0, reasoning: 0, toolName: 0, toolArguments: 0, finishReason: 0 },
      jsonEvents: 0,
      sample: undefined,
      ended: false,
      afterEndReported: false,
      tools: 0,
      currentTool: null,
      finished: false,
      limitNotes: new Set(),
    }),
    step: (state, event) => step(p, state, event),
    finish: (state) => finish(p, state),
  };
}
