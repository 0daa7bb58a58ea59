/**
 * Folding hand-written payloads through a format, for the merger unit tests
 * (`src/core/formats/<format>/merge.test.ts`): the tests write wire JSON, not SSE text.
 */
import { createReply } from "../../src/core/formats/reply.js";
import type { Delta, Format, MergeContext, MergedReply } from "../../src/core/formats/types.js";
import type { StreamEvent } from "../../src/core/sse/types.js";

/** What a format's `step` receives. */
export type JsonEvent = StreamEvent & { json: unknown };

/** `json` as the parsed event at `index`, with its JSON text as the data (SSE `event:` name `type`). */
export function jsonEvent(index: number, json: unknown, type = "message"): JsonEvent {
  const data = JSON.stringify(json) ?? "";
  return { index, type, data, id: "", raw: data, start: 0, end: 0, t: null, chunk: 0, json };
}

export interface Folded {
  reply: MergedReply;
  /** What each payload's `step` returned, by payload index; the last entry is what `finish` returned. */
  deltas: Delta[][];
}

/**
 * Fold `payloads` with `format` as the pipeline does: each step's deltas applied with the
 * event's index, then `finish`. `toEvent` builds the event for a payload (default `jsonEvent`).
 */
export function foldPayloads<S>(
  format: Format<S>,
  payloads: readonly unknown[],
  options: { ctx?: MergeContext; toEvent?: (index: number, payload: unknown) => JsonEvent } = {},
): Folded {
  const { ctx = {}, toEvent = jsonEvent } = options;
  const state = format.init(ctx);
  const reply = createReply(format.name);
  const deltas: Delta[][] = [];
  for (const [i, payload] of payloads.entries()) {
    const out = format.step(state, toEvent(i, payload));
    deltas.push(out);
    for (const d of out) reply.apply(d, i);
  }
  const last = format.finish(state);
  deltas.push(last);
  for (const d of last) reply.apply(d);
  return { reply: reply.snapshot(), deltas };
}

/** The words a random payload is built from, and how often it nests. */
export interface JsonVocabulary {
  keys: readonly string[];
  leaves: readonly unknown[];
  /** Below this draw (and at or above 0.3, which gives a leaf) a node is an array. */
  arrayBelow: number;
  /** An object gets 0 to `maxKeys - 1` keys. */
  maxKeys: number;
}

/**
 * Seeded random wire-shaped JSON for never-throws tests: objects keyed by the format's own
 * field names, leaves from its own values, nested up to `depth`.
 */
export function randomJson(rand: () => number, depth: number, vocab: JsonVocabulary): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.3) return vocab.leaves[Math.floor(rand() * vocab.leaves.length)];
  if (r < vocab.arrayBelow)
    return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth - 1, vocab));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * vocab.maxKeys); i > 0; i--)
    o[vocab.keys[Math.floor(rand() * vocab.keys.length)]!] = randomJson(rand, depth - 1, vocab);
  return o;
}
