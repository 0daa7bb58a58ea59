/**
 * Format detection, strongest evidence first: the user's override, the content
 * type, the request URL, then the shape of the first informative event (keep-alives
 * such as `event: ping`, `data: {}` or an empty `data:` are skipped, within the
 * first SHAPE_LOOKAHEAD events). Every detection says what decided it, so a wrong
 * guess can be understood and overridden.
 */
import { V1_EVENT_TYPES } from "../formats/cohere/wire.js";
import type { Detection, FormatName } from "../formats/types.js";
import { isOneOf } from "../formats/values.js";
import type { Framing } from "../sse/types.js";

export interface DetectInput {
  override?: FormatName;
  contentType?: string;
  url?: string;
  framing?: Framing;
  /** The first event: its SSE type and its data parsed as JSON (undefined when not JSON). */
  first?: { type: string; json: unknown };
  /**
   * The events so far, in order (used instead of `first` when given): shape detection
   * decides on the first one that is not a keep-alive, within the first SHAPE_LOOKAHEAD.
   */
  events?: readonly ShapeEvent[];
}

/** One event as shape detection sees it; `data` (the raw text) lets an empty event be recognised. */
export interface ShapeEvent {
  type: string;
  json: unknown;
  data?: string;
}

/**
 * How many leading events shape detection may look at. Keep-alives before the first real
 * event are few in practice; the bound keeps a stream of nothing but pings from being held.
 */
export const SHAPE_LOOKAHEAD = 8;

const KEEPALIVE_TYPES = new Set(["ping", "keep-alive", "keepalive", "heartbeat"]);

/**
 * True when an event says nothing about the stream's format: an empty `data:`, `{}`, or a
 * ping / keep-alive (by SSE event type or by a JSON `type`), which some proxies and
 * providers send before the first real event.
 */
export function isUninformative(event: ShapeEvent): boolean {
  if (KEEPALIVE_TYPES.has(event.type.toLowerCase())) return true;
  if (event.data !== undefined && event.data.trim() === "") return true;
  const j = event.json;
  if (typeof j !== "object" || j === null || Array.isArray(j)) return false;
  const keys = Object.keys(j);
  if (keys.length === 0) return true;
  const t = (j as Record<string, unknown>)["type"];
  return keys.length === 1 && typeof t === "string" && KEEPALIVE_TYPES.has(t.toLowerCase());
}

/**
 * Whether detection should wait for another event: only the shape can decide (no override,
 * content type or URL does), every event so far is a keep-alive, and fewer than
 * SHAPE_LOOKAHEAD have been seen. A live caller holds events back only while this is true.
 */
export function awaitingShape(input: DetectInput): boolean {
  const events = input.events ?? [];
  if (events.length >= SHAPE_LOOKAHEAD || !events.every(isUninformative)) return false;
  return detectFormat({ ...input, events: [] }).by === "default";
}

const URL_RULES: [RegExp, FormatName, string][] = [
  [/\/chat\/completions\/?$/, "openai-chat", "/chat/completions"],
  [/\/responses\/?$/, "openai-responses", "/responses"],
  [/\/messages\/?$/, "anthropic", "/messages"],
  [/:streamGenerateContent$|:generateContent$/, "gemini", ":streamGenerateContent"],
  [/\/api\/(chat|generate)\/?$/, "ollama", "/api/chat or /api/generate"],
  [/\/v2\/chat\/?$/, "cohere", "/v2/chat"],
  [/\/v1\/chat\/?$/, "cohere", "/v1/chat"],
];

/**
 * Detect the format of a stream.
 *
 * @example
 * detectFormat({ url: "https://api.openai.com/v1/chat/completions" });
 * // { format: "openai-chat", by: "url", evidence: "URL path ends with /chat/completions" }
 */
export function detectFormat(input: DetectInput): Detection {
  if (input.override !== undefined) {
    return { format: input.override, by: "override", evidence: `--format ${input.override}` };
  }
  const mime = (input.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (mime === "application/x-ndjson" && input.framing !== "sse") {
    return { format: "ollama", by: "content-type", evidence: `Content-Type ${mime} (Ollama streams NDJSON)` };
  }
  const path = urlPath(input.url);
  if (path !== null) {
    for (const [re, format, label] of URL_RULES) {
      if (re.test(path)) return { format, by: "url", evidence: `URL path ends with ${label}` };
    }
  }
  const events = input.events ?? (input.first !== undefined ? [input.first] : []);
  const limit = Math.min(events.length, SHAPE_LOOKAHEAD);
  for (let i = 0; i < limit; i++) {
    const event = events[i]!;
    if (isUninformative(event)) continue;
    const shape = detectShape(event.type, event.json);
    if (shape === null) break;
    const evidence =
      i === 0 ? shape[1] : `${shape[1]} (event ${i}, after ${i} keep-alive event${i === 1 ? "" : "s"})`;
    return { format: shape[0], by: "shape", evidence };
  }
  return { format: "sse", by: "default", evidence: "no known content type, URL or event shape" };
}

/** The path of a URL (query and fragment removed), or null. Works for relative URLs too. */
function urlPath(url: string | undefined): string | null {
  if (url === undefined || url === "") return null;
  try {
    return decodeURIComponent(new URL(url, "http://x").pathname);
  } catch {
    return url.split(/[?#]/)[0] ?? null;
  }
}

function detectShape(type: string, json: unknown): [FormatName, string] | null {
  if (type === "message_start") return ["anthropic", "first event type message_start"];
  if (type.startsWith("response.")) return ["openai-responses", `first event type ${type}`];
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const j = json as Record<string, unknown>;
  const t = typeof j["type"] === "string" ? (j["type"] as string) : undefined;
  if (j["object"] === "chat.completion.chunk" || j["object"] === "chat.completion") {
    return ["openai-chat", `first event has object: "${j["object"]}"`];
  }
  // A non-stream Responses reply (`"stream": false`) is one object with no event type.
  if (j["object"] === "response") return ["openai-responses", 'first event has object: "response"'];
  if (t?.startsWith("response.") || (typeof j["sequence_number"] === "number" && t !== undefined)) {
    return ["openai-responses", `first event has type: "${t}"`];
  }
  if (
    t === "message_start" ||
    (t === "message" && j["role"] === "assistant" && Array.isArray(j["content"]))
  ) {
    return ["anthropic", `first event has type: "${t}"`];
  }
  if (t === "message-start" || t === "content-delta") return ["cohere", `first event has type: "${t}"`];
  const v1 = j["event_type"];
  if (typeof v1 === "string" && isOneOf(V1_EVENT_TYPES, v1)) {
    return ["cohere", `first event has event_type: "${v1}" (Cohere v1)`];
  }
  if (Array.isArray(j["candidates"]) || typeof j["promptFeedback"] === "object") {
    return ["gemini", "first event has candidates"];
  }
  if (typeof j["model"] === "string" && typeof j["done"] === "boolean") {
    return ["ollama", "first event has model and done"];
  }
  if (Array.isArray(j["choices"])) return ["openai-chat", "first event has choices"];
  return errorBodyShape(j);
}

/**
 * A saved error body (no URL, no status) still has its provider's shape, so
 * `inspect` reports the provider's message instead of a generic JSON event.
 */
function errorBodyShape(j: Record<string, unknown>): [FormatName, string] | null {
  const err = j["error"];
  if (typeof err === "string") return ["ollama", 'an error body {"error": "…"} (Ollama)'];
  if (typeof err !== "object" || err === null || Array.isArray(err)) return null;
  if (j["type"] === "error")
    return ["anthropic", 'an error body {"type": "error", "error": {…}} (Anthropic)'];
  const e = err as Record<string, unknown>;
  if (typeof e["status"] === "string") return ["gemini", 'an error body {"error": {"status": …}} (Gemini)'];
  return ["openai-chat", 'an error body {"error": {…}} (OpenAI and compatible hosts)'];
}
