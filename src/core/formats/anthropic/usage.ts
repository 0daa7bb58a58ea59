/**
 * Anthropic usage: `message_start` carries the first counts, and every `message_delta`
 * carries CUMULATIVE counts for the whole message. So a later value replaces an earlier
 * one and nothing is ever added: adding would count the input tokens twice.
 */

import { tokenTotal } from "../deltas.js";
import type { Delta } from "../types.js";
import { asNumber, asRecord } from "../values.js";

/**
 * Overlay `next` on `prev`. A field the delta omits or sends as `null` keeps its earlier value
 * (the API omits counters that do not apply), as the official SDK's accumulator does.
 */
export function mergeUsage(
  prev: Record<string, unknown> | null,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...prev };
  for (const [key, value] of Object.entries(next)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Normalise a (merged) provider usage object into the shared shape. */
export function usageDelta(usage: Record<string, unknown>): Delta {
  const input = asNumber(usage["input_tokens"]) ?? null;
  const output = asNumber(usage["output_tokens"]) ?? null;
  const details = asRecord(usage["output_tokens_details"]);
  const reasoning = asNumber(details?.["thinking_tokens"]) ?? null;
  const cached = asNumber(usage["cache_read_input_tokens"]) ?? null;
  const total = tokenTotal(input, output);
  return { kind: "usage", usage: { input, output, reasoning, cached, total }, provider: { ...usage } };
}
