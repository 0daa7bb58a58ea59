import type { Delta } from "../types.js";
import { asCode, asRecord, asString } from "../values.js";
import type { WireError } from "./wire.js";

/**
 * An OpenAI-family error object as an error Delta: `{"error":{message,type,code}}` (OpenAI,
 * Azure, the Responses API's error bodies), vLLM's top-level `{"object":"error",...}`, or
 * OpenRouter's error beside `finish_reason:"error"`. The code is `code`, else `type`; a value
 * that is not an object with a message is shown as it came.
 */
export function errorDelta(raw: unknown, event: number): Delta {
  const e = asRecord(raw) as WireError | undefined;
  const message = asString(e?.message) ?? asString(raw) ?? JSON.stringify(raw);
  const code = asCode(e?.code) ?? asCode(e?.type);
  return { kind: "error", error: { code, message, event } };
}
