/**
 * A whole (non-streamed) Cohere v2 chat response (a v1 one goes to `v1-whole.ts`), or an error body `{"id", "message": "..."}`:
 * the same reply as the stream would have built, delivered at once, and its own end.
 */

import { anomaly } from "../deltas.js";
import type { Delta } from "../types.js";
import { asRecord, asString, dig } from "../values.js";
import { contentDeltas, validateArgs } from "./deltas.js";
import { usageDelta } from "./usage.js";
import { isV1Response, wholeV1Response } from "./v1-whole.js";
import type { WireAssistantMessage, WireResponse, WireToolCall } from "./wire.js";

/** Returns the deltas, and whether the body was a whole response (the stream is then over). */
export function wholeResponse(body: WireResponse): { deltas: Delta[]; complete: boolean } {
  if (isV1Response(body as Record<string, unknown>)) {
    return { deltas: wholeV1Response(body as Record<string, unknown>), complete: true };
  }
  const message = asRecord(body.message) as WireAssistantMessage | undefined;
  if (!message) {
    const text = asString(body.message);
    const deltas: Delta[] =
      text === undefined
        ? [anomaly("unknown-event-type", "an event without a type")]
        : [{ kind: "error", error: { code: null, message: text } }];
    return { deltas, complete: false };
  }
  const out: Delta[] = [];
  const id = asString(body.id);
  if (id !== undefined) out.push({ kind: "meta", key: "id", value: id });
  const plan = asString(message.tool_plan);
  if (plan) out.push({ kind: "reasoning", choice: 0, text: plan });
  if (Array.isArray(message.content)) {
    for (const part of message.content) {
      const kind = asString(dig(part, "type")) === "thinking" ? "thinking" : "text";
      out.push(...contentDeltas(kind, part));
    }
  }
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((raw, i) => {
      const call = (asRecord(raw) ?? {}) as WireToolCall;
      const args = asString(dig(call.function, "arguments")) ?? "";
      const name = asString(dig(call.function, "name")) ?? null;
      out.push({
        kind: "tool-start",
        choice: 0,
        key: String(i),
        id: asString(call.id) ?? null,
        name,
        arguments: args,
      });
      out.push(...validateArgs(i, args));
    });
  }
  if (Array.isArray(message.citations)) {
    for (const citation of message.citations) out.push({ kind: "citation", choice: 0, citation });
  }
  const reason = asString(body.finish_reason);
  if (reason !== undefined) out.push({ kind: "finish", choice: 0, reason });
  out.push(...usageDelta(body.usage), { kind: "end" });
  return { deltas: out, complete: true };
}
