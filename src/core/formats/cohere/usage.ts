/**
 * Cohere usage: `tokens` (what the model processed) and `billed_units` (what is billed), plus
 * `cached_tokens`. The normalised counts prefer `tokens` and fall back to `billed_units`.
 */

import { tokenTotal } from "../deltas.js";
import type { Delta } from "../types.js";
import { asNumber, asRecord } from "../values.js";

export function usageDelta(raw: unknown): Delta[] {
  const usage = asRecord(raw);
  if (!usage) return [];
  const tokens = asRecord(usage["tokens"]);
  const billed = asRecord(usage["billed_units"]);
  const count = (k: string) => asNumber(tokens?.[k]) ?? asNumber(billed?.[k]) ?? null;
  const input = count("input_tokens");
  const output = count("output_tokens");
  const cached = asNumber(usage["cached_tokens"]) ?? null;
  const total = tokenTotal(input, output);
  return [
    { kind: "usage", usage: { input, output, reasoning: null, cached, total }, provider: { ...usage } },
  ];
}
