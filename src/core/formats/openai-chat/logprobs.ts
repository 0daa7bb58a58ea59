/**
 * `logprobs` of OpenAI chat choices: each chunk carries the log probabilities of the tokens it
 * added (`logprobs.content`, `logprobs.refusal`). They are collected per choice in arrival order,
 * as the `openai` SDK's final completion holds them, and shown once as the `logprobs` meta
 * (`{ "<choice>": { content, refusal } }`) when the stream ends: one delta, not one per token,
 * so a long stream stays linear.
 */
import type { Delta } from "../types.js";
import { asArray, asRecord } from "../values.js";

export interface LogprobsState {
  /** Per choice index: token entries of the answer and of the refusal, in order. */
  choices: Map<number, { content: unknown[]; refusal: unknown[] }>;
  /** Entries collected so far, and how many the last `meta` delta held. */
  count: number;
  sent: number;
}

export function initLogprobs(): LogprobsState {
  return { choices: new Map(), count: 0, sent: 0 };
}

/** Collect a choice's `logprobs` object (from a chunk's choice, or a whole reply's). */
export function collectLogprobs(state: LogprobsState, choice: number, raw: unknown): void {
  const lp = asRecord(raw);
  if (lp === undefined) return;
  const content = asArray(lp["content"]) ?? [];
  const refusal = asArray(lp["refusal"]) ?? [];
  if (content.length === 0 && refusal.length === 0) return;
  let c = state.choices.get(choice);
  if (c === undefined) {
    c = { content: [], refusal: [] };
    state.choices.set(choice, c);
  }
  for (const entry of content) c.content.push(entry);
  for (const entry of refusal) c.refusal.push(entry);
  state.count += content.length + refusal.length;
}

/** The `logprobs` meta, when entries arrived since the last one was sent. */
export function logprobsMeta(state: LogprobsState): Delta[] {
  if (state.count === state.sent) return [];
  state.sent = state.count;
  const value: Record<string, { content: unknown[] | null; refusal: unknown[] | null }> = {};
  for (const [index, c] of [...state.choices].sort(([a], [b]) => a - b)) {
    value[String(index)] = {
      content: c.content.length > 0 ? [...c.content] : null,
      refusal: c.refusal.length > 0 ? [...c.refusal] : null,
    };
  }
  return [{ kind: "meta", key: "logprobs", value }];
}
