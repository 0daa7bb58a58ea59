/**
 * The pipeline over one body: framing choice, framer, format detection, JSON
 * parsing (once per event), the format's fold, the shared reply reducer and
 * metrics, with every record handed to the callbacks as soon as it exists.
 * It is fed bytes and returns plain objects, so the CLI, the server and the
 * browser drive the same code live or over a saved capture.
 */
import type { CaptureEnd } from "../capture/types.js";
import { getFormat } from "../formats/registry.js";
import { createReply, type ReplyBuilder } from "../formats/reply.js";
import type { Delta, Detection, Format } from "../formats/types.js";
import { createJsonReader, type JsonReader } from "../json/reader.js";
import { createMetrics, type MetricsAccumulator } from "../metrics/accumulate.js";
import { preview } from "../sse/fields.js";
import { chooseFraming, createFramer } from "../sse/sniff.js";
import type { Anomaly, Framer, Framing, StreamEvent } from "../sse/types.js";
import { awaitingShape, type DetectInput, detectFormat, type ShapeEvent } from "./detect.js";
import { buildReport } from "./report.js";
import type { Report, Session, SessionCallbacks, SessionOptions } from "./types.js";

/** How much of the body is kept to quote an HTTP error body. */
const ERROR_HEAD_BYTES = 64 * 1024;

/**
 * Create a session: feed it the decoded body as it arrives, end it, read the report.
 *
 * @example
 * const session = createSession(
 *   { url: "http://127.0.0.1:8080/v1/chat/completions", contentType: "text/event-stream" },
 *   { onEvent: (event, deltas) => console.log(event.index, deltas) },
 * );
 * session.feed(bytes, 120);
 * session.end({ reason: "complete", at: 900 });
 * const report = session.report(200);
 */
export function createSession(opts: SessionOptions = {}, cb: SessionCallbacks = {}): Session {
  const custom: Format | null = typeof opts.format === "object" ? opts.format : null;
  const metrics: MetricsAccumulator = createMetrics({
    ...(opts.stallThresholdMs !== undefined ? { stallThresholdMs: opts.stallThresholdMs } : {}),
    ...(opts.headersAt !== undefined ? { headersMs: opts.headersAt } : {}),
  });
  const anomalies: Anomaly[] = [];
  const notes: string[] = [];
  const head: Uint8Array[] = [];
  let headBytes = 0;

  let framer: Framer | null = null;
  let framing: Framing | null = null;
  const pending: { bytes: Uint8Array; t: number | null }[] = [];
  let pendingBytes = 0;

  let detection: Detection | null = null;
  // Leading keep-alives wait here (only while nothing but the shape can decide) until an event shows the format.
  const seen: ShapeEvent[] = [];
  const held: StreamEvent[] = [];
  let format: Format | null = null;
  let state: unknown;
  let reply: ReplyBuilder | null = null;
  let parseJson = false;
  const reader = createJsonReader();
  let unterminated = false;
  let ended: CaptureEnd | null = null;
  let finished = false;

  function anomaly(a: Anomaly): void {
    if (a.code === "unterminated-event") unterminated = true;
    anomalies.push(a);
    cb.onAnomaly?.(a);
  }

  function detect(): void {
    if (detection !== null) return;
    if (custom !== null) {
      detection = { format: "sse", by: "override", evidence: `custom format: ${custom.label}` };
      format = custom;
    } else {
      detection = detectFormat(detectInput());
      format = getFormat(detection.format);
    }
    state = format.init(opts.url !== undefined ? { url: opts.url } : {});
    reply = createReply(custom !== null ? (custom.name === "custom" ? "custom" : custom.name) : format.name);
    parseJson = format.json;
    cb.onDetect?.(detection, framing ?? "raw");
    for (const event of held.splice(0)) onEvent(event);
  }

  function detectInput(): DetectInput {
    return {
      ...(typeof opts.format === "string" ? { override: opts.format } : {}),
      ...(opts.contentType !== undefined ? { contentType: opts.contentType } : {}),
      ...(opts.url !== undefined ? { url: opts.url } : {}),
      ...(framing !== null ? { framing } : {}),
      events: seen,
    };
  }

  function onEvent(event: StreamEvent): void {
    let json: unknown;
    const data = event.data;
    if (detection === null) {
      json = parse(reader, data);
      seen.push({ type: event.type, json: json === FAILED ? undefined : json, data });
      if (custom === null && awaitingShape(detectInput())) {
        held.push(event);
        return;
      }
      detect();
    } else if (parseJson) json = parse(reader, data);
    if (json === FAILED) {
      json = undefined;
      if (parseJson) {
        anomaly({
          code: "non-json-data",
          message: `Event data is not JSON; kept as text and the merge goes on: ${JSON.stringify(preview(data, 120))}`,
          event: event.index,
          offset: event.start,
        });
      }
    }
    let deltas: Delta[];
    try {
      // An explicit literal, not a spread: object spread of a 9-field record is a hot-path cost.
      const parsed = {
        index: event.index,
        type: event.type,
        data: event.data,
        id: event.id,
        raw: event.raw,
        start: event.start,
        end: event.end,
        t: event.t,
        chunk: event.chunk,
        json,
      };
      deltas = format!.step(state, parsed);
    } catch (error) {
      deltas = [];
      notes.push(
        `The ${format!.label} merger failed on event ${event.index} (a bug, please report it): ${String(error)}`,
      );
    }
    for (const d of deltas) reply!.apply(d, event.index);
    metrics.event(event, deltas);
    cb.onEvent?.(event, deltas);
    for (const d of deltas) {
      if (d.kind === "anomaly")
        cb.onAnomaly?.(d.anomaly.event === undefined ? { ...d.anomaly, event: event.index } : d.anomaly);
    }
  }

  function startFramer(choice: { framing: Framing; anomalies: Anomaly[]; notes: string[] }): void {
    framing = choice.framing;
    notes.push(...choice.notes);
    if (opts.encoding && choice.framing !== "raw") {
      notes.push(
        `The stream was sent compressed (Content-Encoding: ${opts.encoding}): compression buffers output, so events may arrive late and in bursts`,
      );
    }
    for (const a of choice.anomalies) anomaly(a);
    framer = createFramer(choice.framing, {
      ...(opts.maxEventBytes !== undefined ? { maxEventBytes: opts.maxEventBytes } : {}),
      ...(opts.keepRaw !== undefined ? { keepRaw: opts.keepRaw } : {}),
      onEvent,
      onComment: (c) => {
        metrics.comment();
        cb.onComment?.(c);
      },
      onAnomaly: anomaly,
    });
    for (const p of pending) framer.feed(p.bytes, p.t);
    pending.length = 0;
  }

  function decide(final: boolean): void {
    const all = concat(
      pending.map((p) => p.bytes),
      pendingBytes,
    );
    const choice = chooseFraming(opts.contentType, all, final);
    if (choice !== null) startFramer(choice);
  }

  return {
    feed(bytes: Uint8Array, t: number | null): void {
      if (ended !== null)
        throw new Error("session: feed() called after end(); create a new session for a new body");
      metrics.chunk(t, bytes.length);
      if (headBytes < ERROR_HEAD_BYTES) {
        head.push(bytes.slice(0, ERROR_HEAD_BYTES - headBytes));
        headBytes += Math.min(bytes.length, ERROR_HEAD_BYTES - headBytes);
      }
      if (framer !== null) {
        framer.feed(bytes, t);
        return;
      }
      // A copy: the caller may reuse its read buffer, and these bytes wait for the framing decision.
      pending.push({ bytes: bytes.slice(), t });
      pendingBytes += bytes.length;
      // Re-sniff only when a line may have completed, so tiny chunks never make this quadratic.
      if (
        pending.length === 1 ||
        bytes.indexOf(10) !== -1 ||
        bytes.indexOf(13) !== -1 ||
        pendingBytes >= 65536
      ) {
        decide(false);
      }
    },

    end(end: CaptureEnd = { reason: "complete", at: null }): void {
      if (ended !== null) return;
      ended = end;
      if (framer === null) decide(true);
      framer!.end();
      detect();
      if (!finished) {
        finished = true;
        let deltas: Delta[] = [];
        try {
          deltas = format!.finish(state);
        } catch (error) {
          notes.push(
            `The ${format!.label} merger failed at the end of the body (a bug, please report it): ${String(error)}`,
          );
        }
        for (const d of deltas) {
          reply!.apply(d);
          if (d.kind === "anomaly") cb.onAnomaly?.(d.anomaly);
        }
        if (deltas.length > 0) cb.onFinish?.(deltas);
      }
    },

    report(status: number | null = null): Report {
      if (detection === null) detect();
      const merged = reply!.snapshot();
      return buildReport({
        status,
        end: ended,
        detection: detection!,
        custom: custom !== null,
        framing: framing ?? "raw",
        reply: merged,
        anomalies,
        notes,
        unterminated,
        metrics: metrics.build(merged.usage, ended?.at ?? null),
        body: () => new TextDecoder().decode(concat(head, headBytes)),
      });
    },

    get detection() {
      return detection;
    },
  };
}

/** Marker for data that did not parse (distinct from JSON `undefined`-free values like null). */
const FAILED: unique symbol = Symbol("not json");

function parse(reader: JsonReader, data: string): unknown {
  // `[DONE]` is OpenAI's end marker, not JSON; passing it through is not an anomaly. Hosts that
  // pad it (`data: [DONE] `) end the stream too (the OpenAI merger trims), so they agree here,
  // checked only after JSON fails to keep the common path at one comparison.
  if (data === "[DONE]") return undefined;
  try {
    return reader.parse(data);
  } catch {
    return data.length < 64 && data.trim() === "[DONE]" ? undefined : FAILED;
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
