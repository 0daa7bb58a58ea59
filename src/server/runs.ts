/**
 * The runs made since the app started: each is sent with E5's `send()`, its
 * messages streamed to the page as they happen, and its capture kept in
 * memory (secrets redacted) so the page can re-open it. Durable history is a
 * later issue.
 */
import { randomUUID } from "node:crypto";
import { redactHeaders } from "../core/capture/redact.js";
import type { Capture, CaptureEnd } from "../core/capture/types.js";
import { seconds } from "../node/http/errors.js";
import type { SendCallbacks, SendOptions } from "../node/http/send.js";
import { HttpError } from "./errors.js";
import type { MergeOptions, RunMessage, RunSummary, WireCapture } from "./protocol.js";
import { type Rendered, scrubSecrets } from "./variables.js";

export type SendFn = (opts: SendOptions, callbacks: SendCallbacks) => Promise<Capture>;

export interface RunMeta {
  savedId?: string;
  options?: MergeOptions;
  /** The draft's `timeout`, in ms: the whole exchange may take no longer. */
  timeoutMs?: number;
}

interface RunRecord {
  summary: RunSummary;
  meta: RunMeta;
  controller: AbortController;
  capture: Capture | null;
  /** Body bytes of the finished capture. */
  bytes: number;
}

export interface Runs {
  /** Starts a run; the answer body is its NDJSON messages. Ends the run if the reader goes away. */
  start(rendered: Rendered, meta: RunMeta): ReadableStream<Uint8Array>;
  list(): RunSummary[];
  get(id: string): WireCapture;
  /** False when no run has that id. Cancelling a finished run is a no-op. */
  cancel(id: string): boolean;
  /** Aborts every run in flight (on shutdown). */
  cancelAll(): void;
}

export interface RunsOptions {
  send: SendFn;
  /** Runs kept in memory; the oldest finished ones are forgotten past it (default 100). */
  limit?: number;
  /** Body bytes kept in memory over all finished runs (default 512 MiB); the oldest are forgotten past it. */
  maxBytes?: number;
}

/**
 * send() words a total timeout the same whether or not headers came; the page's user set this
 * limit on the request, so say which of the two it cut: the wait for headers, or the stream.
 */
function explainTimeout(end: CaptureEnd, capture: Capture, timeoutMs: number, url: string): void {
  if (end.reason !== "timeout" || end.error?.code !== "TOTAL_TIMEOUT") return;
  const limit = `the request's timeout of ${seconds(timeoutMs)}`;
  if (!capture.response) {
    end.error = { ...end.error, message: `no response headers from ${url} within ${limit}` };
    return;
  }
  const bytes = capture.chunks.reduce((n, c) => n + c.bytes.length, 0);
  const chunks = capture.chunks.length;
  end.error = {
    ...end.error,
    message: `the stream from ${url} was still going after ${limit} (${bytes} bytes in ${chunks} chunk${chunks === 1 ? "" : "s"} received)`,
  };
}

const base64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

export function createRuns({ send, limit = 100, maxBytes = 512 * 1024 * 1024 }: RunsOptions): Runs {
  const records = new Map<string, RunRecord>();
  const encoder = new TextEncoder();
  let keptBytes = 0;

  /** Forgets the oldest finished runs (never `keep`, never one in flight) until within both budgets. */
  const trim = (keep: RunRecord): void => {
    for (const [id, old] of records) {
      if (records.size <= limit && keptBytes <= maxBytes) break;
      if (old === keep || !old.capture) continue;
      records.delete(id);
      keptBytes -= old.bytes;
    }
  };

  return {
    start(rendered, meta) {
      const id = randomUUID();
      const startedAt = new Date().toISOString();
      const controller = new AbortController();
      const summary: RunSummary = {
        id,
        startedAt,
        method: rendered.shown.method,
        url: rendered.shown.url,
        status: null,
        end: null,
      };
      if (meta.savedId !== undefined) summary.savedId = meta.savedId;
      const record: RunRecord = { summary, meta, controller, capture: null, bytes: 0 };
      records.set(id, record);
      trim(record);

      let out!: ReadableStreamDefaultController<Uint8Array>;
      let open = true;
      const write = (message: RunMessage): void => {
        if (!open) return;
        try {
          out.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
        } catch {
          open = false; // the reader is gone; the run was cancelled with it
        }
      };
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          out = c;
        },
        cancel() {
          // Nobody is watching any more (page closed or reloaded): stop the exchange.
          open = false;
          controller.abort();
        },
      });

      const start: RunMessage = { type: "start", id, startedAt, request: { ...rendered.shown } };
      if (meta.savedId !== undefined) start.savedId = meta.savedId;
      if (meta.options !== undefined) start.options = meta.options;
      write(start);

      void (async () => {
        const { sent, shown, secrets } = rendered;
        let capture: Capture;
        try {
          capture = await send(
            {
              method: sent.method,
              url: sent.url,
              headers: sent.headers,
              body: sent.body,
              signal: controller.signal,
              // The request's own timeout is its only limit: send()'s 300 s defaults for headers
              // and silence would otherwise cut a longer one short, and word it differently.
              ...(meta.timeoutMs === undefined
                ? {}
                : { totalTimeoutMs: meta.timeoutMs, headersTimeoutMs: 0, idleTimeoutMs: 0 }),
            },
            {
              onResponse(response) {
                summary.status = response.status;
                write({
                  type: "response",
                  response: { ...response, headers: redactHeaders(response.headers) },
                });
              },
              onChunk(chunk) {
                write({ type: "chunk", t: chunk.t, data: base64(chunk.bytes) });
              },
            },
          );
        } catch (error) {
          // send() only throws on misuse: still end the run visibly rather than hang the page.
          const message = error instanceof Error ? error.message : String(error);
          capture = {
            version: 1,
            id,
            startedAt,
            request: shown,
            response: null,
            chunks: [],
            end: { reason: "error", at: null, error: { code: "ERR_INTERNAL", message } },
          };
        }
        const end = { ...capture.end };
        if (meta.timeoutMs !== undefined) explainTimeout(end, capture, meta.timeoutMs, shown.url);
        if (end.error) end.error = { ...end.error, message: scrubSecrets(end.error.message, secrets) };
        record.capture = {
          ...capture,
          id,
          startedAt,
          request: shown,
          response: capture.response && {
            ...capture.response,
            headers: redactHeaders(capture.response.headers),
          },
          end,
        };
        record.bytes = capture.chunks.reduce((n, c) => n + c.bytes.length, 0);
        keptBytes += record.bytes;
        trim(record);
        summary.end = end.reason;
        write({ type: "end", end });
        if (open) {
          open = false;
          out.close();
        }
      })();
      return body;
    },

    list: () => [...records.values()].map((r) => ({ ...r.summary })),

    get(id) {
      const record = records.get(id);
      if (!record)
        throw new HttpError(
          404,
          "not-found",
          `no run with id ${id} (runs are kept only since the app started)`,
        );
      const { capture, meta } = record;
      if (!capture) throw new HttpError(409, "running", `run ${id} is still running; follow its stream`);
      const wire: WireCapture = {
        version: 1,
        id: capture.id,
        startedAt: capture.startedAt,
        request: capture.request,
        response: capture.response,
        chunks: capture.chunks.map((c) => ({ t: c.t, b64: base64(c.bytes) })),
        end: capture.end,
      };
      if (meta.savedId !== undefined) wire.savedId = meta.savedId;
      if (meta.options !== undefined) wire.options = meta.options;
      return wire;
    },

    cancel(id) {
      const record = records.get(id);
      if (!record) return false;
      record.controller.abort();
      return true;
    },

    cancelAll() {
      for (const record of records.values()) if (!record.capture) record.controller.abort();
    },
  };
}
