import type { Usage } from "../types.js";
import { asNumber, asRecord } from "../values.js";

/**
 * Normalise an OpenAI-family usage object to `{input, output, reasoning, cached, total}`.
 *
 * Reads the Chat Completions names (`prompt_tokens`, `completion_tokens`,
 * `completion_tokens_details.reasoning_tokens`, `prompt_tokens_details.cached_tokens`,
 * `total_tokens`), the Responses names (`input_tokens`, `output_tokens`,
 * `output_tokens_details.reasoning_tokens`, `input_tokens_details.cached_tokens`) and
 * DeepSeek's `prompt_cache_hit_tokens`. `total` falls back to input + output when the
 * provider gave both but no total. Returns undefined when the value is not an object.
 */
export function normaliseUsage(value: unknown): Omit<Usage, "provider"> | undefined {
  const u = asRecord(value);
  if (u === undefined) return undefined;
  const input = asNumber(u["prompt_tokens"]) ?? asNumber(u["input_tokens"]) ?? null;
  const output = asNumber(u["completion_tokens"]) ?? asNumber(u["output_tokens"]) ?? null;
  const outDetails = asRecord(u["completion_tokens_details"]) ?? asRecord(u["output_tokens_details"]);
  const inDetails = asRecord(u["prompt_tokens_details"]) ?? asRecord(u["input_tokens_details"]);
  const reasoning = asNumber(outDetails?.["reasoning_tokens"]) ?? null;
  const cached = asNumber(inDetails?.["cached_tokens"]) ?? asNumber(u["prompt_cache_hit_tokens"]) ?? null;
  const total = asNumber(u["total_tokens"]) ?? (input !== null && output !== null ? input + output : null);
  return { input, output, reasoning, cached, total };
}
