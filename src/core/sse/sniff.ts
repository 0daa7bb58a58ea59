/**
 * Choosing the framing of a body: from the Content-Type when it names a stream,
 * checked against the first bytes; from the bytes alone when the header is
 * missing or says something else. Disagreements are reported, never silent.
 */
import { createJsonArrayParser } from "./json-array.js";
import { createNdjsonParser } from "./ndjson.js";
import { createSseParser } from "./parser.js";
import { createRawFramer } from "./raw.js";
import type { Anomaly, Framer, FramerOptions, Framing } from "./types.js";

export interface FramingChoice {
  framing: Framing;
  anomalies: Anomaly[];
  notes: string[];
}

/** What the first bytes look like. `json` is one JSON document (not a stream); `text` is anything else. */
type BodyShape = "sse" | "ndjson" | "json-array" | "json" | "html" | "text" | "empty";

/** How many bytes to look at, at most, before deciding from what is there. */
const SNIFF_LIMIT = 64 * 1024;
const SSE_PREFIXES = ["data:", "event:", "id:", "retry:", ":", "data\n", "data\r"];
const decoder = new TextDecoder();

/**
 * Decide the framing. `head` is the start of the body (all of it when `final`).
 * Returns null when more bytes are needed to decide (never when `final`).
 */
export function chooseFraming(
  contentType: string | undefined,
  head: Uint8Array,
  final: boolean,
): FramingChoice | null {
  const shape = sniffShape(head, final || head.length >= SNIFF_LIMIT);
  if (shape === null) return null;
  const mime = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const declared = declaredFraming(mime);
  const bytesSay = shapeFraming(shape);
  const choice: FramingChoice = { framing: "raw", anomalies: [], notes: [] };

  if (declared !== null) {
    if (
      shape === "empty" ||
      bytesSay === declared ||
      (declared === "sse" && (shape === "html" || shape === "text"))
    ) {
      choice.framing = declared;
      return choice;
    }
    if (declared === "raw") {
      // application/json: one document, or a stream sent with a generic JSON type.
      choice.framing = bytesSay ?? "raw";
      if (bytesSay === "sse") {
        choice.notes.push(`Content-Type ${mime} but the body is ${describe(shape)}; read as ${bytesSay}`);
      }
      return choice;
    }
    choice.framing = bytesSay ?? "raw";
    choice.anomalies.push({
      code: "content-type-mismatch",
      message: `Content-Type ${mime} says ${declared}, but the body is ${describe(shape)}; read as ${choice.framing}`,
      offset: 0,
    });
    return choice;
  }

  if (bytesSay === null) {
    choice.anomalies.push({
      code: "not-event-stream",
      message: `The body is neither SSE nor NDJSON (${mime === "" ? "no Content-Type" : `Content-Type ${mime}`}, ${describe(shape)}); shown raw`,
      offset: 0,
    });
    return choice;
  }
  choice.framing = bytesSay;
  if (mime === "") {
    if (shape !== "empty") choice.notes.push(`No Content-Type; framing sniffed from the body: ${bytesSay}`);
  } else if (bytesSay !== "raw") {
    choice.anomalies.push({
      code: "content-type-mismatch",
      message: `Content-Type ${mime} is not a stream type, but the body is ${describe(shape)}; read as ${bytesSay}`,
      offset: 0,
    });
  }
  return choice;
}

/** Create the framer for a framing. */
export function createFramer(framing: Framing, opts: FramerOptions): Framer {
  switch (framing) {
    case "sse":
      return createSseParser(opts);
    case "ndjson":
      return createNdjsonParser(opts);
    case "json-array":
      return createJsonArrayParser(opts);
    case "raw":
      return createRawFramer(opts);
  }
}

function declaredFraming(mime: string): Framing | null {
  if (mime === "text/event-stream") return "sse";
  if (mime === "application/x-ndjson" || mime === "application/jsonl" || mime === "application/ndjson")
    return "ndjson";
  if (mime === "application/jsonlines" || mime === "application/x-jsonlines") return "ndjson";
  // Cohere v1 chat streams JSON lines under this type; checked before the generic `+json` below.
  if (mime === "application/stream+json") return "ndjson";
  if (mime === "application/json" || mime.endsWith("+json")) return "raw";
  return null;
}

function shapeFraming(shape: BodyShape): Framing | null {
  switch (shape) {
    case "sse":
    case "ndjson":
    case "json-array":
      return shape;
    case "json":
    case "empty":
      return "raw";
    default:
      return null;
  }
}

function describe(shape: BodyShape): string {
  const words: Record<BodyShape, string> = {
    sse: "SSE (data:/event: lines)",
    ndjson: "JSON lines",
    "json-array": "a JSON array",
    json: "one JSON document",
    html: "HTML",
    text: "plain text",
    empty: "empty",
  };
  return words[shape];
}

/** Classify the first bytes; null when more bytes are needed. */
function sniffShape(head: Uint8Array, final: boolean): BodyShape | null {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  if (i >= head.length) return final ? "empty" : null;
  const b = head[i]!;
  if (b === 0x5b) return "json-array";
  if (b === 0x3c) return "html";
  if (b === 0x7b) {
    const lf = head.indexOf(10, i);
    if (lf === -1) {
      if (!final) return null;
      return "json";
    }
    if (isJson(decoder.decode(head.subarray(i, lf)))) return "ndjson";
    return "json";
  }
  const text = decoder.decode(head.subarray(i, Math.min(head.length, i + 16)));
  for (const p of SSE_PREFIXES) {
    if (text.startsWith(p)) return "sse";
    if (!final && p.startsWith(text)) return null;
  }
  return "text";
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
