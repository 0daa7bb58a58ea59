/**
 * A whole (non-streamed) Cohere v1 chat response (`POST /v1/chat` without `stream`), the SDKs'
 * `NonStreamedChatResponse`: `text`, `generation_id`, `response_id`, `citations`, `documents`,
 * `search_queries`, `search_results`, `tool_calls`, `finish_reason`, `meta`. The same reply the
 * v1 stream would have built, delivered at once, and its own end.
 */
import type { Delta } from "../types.js";
import { asArray, asString } from "../values.js";
import { endDeltas, wholeToolCalls } from "./v1.js";

/** Is `body` a v1 response? Its reply is a `text` string (v2 puts a `message` object there). */
export function isV1Response(body: Record<string, unknown>): boolean {
  return typeof body["text"] === "string" && body["message"] === undefined;
}

export function wholeV1Response(body: Record<string, unknown>): Delta[] {
  const out: Delta[] = [];
  const id = asString(body["generation_id"]);
  if (id !== undefined) out.push({ kind: "meta", key: "generation_id", value: id });
  const queries = body["search_queries"];
  if (queries !== undefined) {
    out.push({ kind: "step", choice: 0, step: { kind: "search-queries", detail: queries } });
  }
  if (body["search_results"] !== undefined) {
    const detail = { search_results: body["search_results"], documents: body["documents"] };
    out.push({ kind: "step", choice: 0, step: { kind: "search-results", detail } });
  }
  const text = asString(body["text"]);
  if (text) out.push({ kind: "content", choice: 0, text });
  out.push(...wholeToolCalls(body["tool_calls"]));
  for (const citation of asArray(body["citations"]) ?? [])
    out.push({ kind: "citation", choice: 0, citation });
  out.push(...endDeltas("the response", body["finish_reason"], body));
  return out;
}
