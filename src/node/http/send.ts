/**
 * Send one HTTP request and record the exchange as a Capture, delivering the
 * response and every body read to callbacks as they arrive.
 */
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { redactUrl } from "../../core/capture/redact.js";
import type { Capture, CaptureEnd, CaptureResponse, Chunk, Header } from "../../core/capture/types.js";
import { headerValue } from "../../core/capture/types.js";
import { readBody } from "./body.js";
import { decodableEncoding } from "./decode.js";
import { createDispatcher, loadUndici } from "./dispatcher.js";
import { errorCode, failureEnd, seconds } from "./errors.js";

export interface SendOptions {
  method: string;
  url: string;
  headers: Header[];
  body: string | Uint8Array | null;
  /** Give up when no response headers arrive within this time (default 300 000; 0 = never). */
  headersTimeoutMs?: number;
  /** Give up when the body is silent this long between reads (default 300 000; 0 = never). */
  idleTimeoutMs?: number;
  /** Give up when the whole exchange takes longer (default: no limit). */
  totalTimeoutMs?: number;
  /** Accept any TLS certificate (`-k`). */
  insecure?: boolean;
  /** Extra trusted CA certificates, PEM (`--cacert`). */
  ca?: string | Uint8Array;
  /** Aborting it ends the exchange with `aborted`, keeping what arrived. */
  signal?: AbortSignal;
  /** Keep body chunks in `capture.chunks` (default true); callers that only stream them may turn it off. */
  keepChunks?: boolean;
}

export interface SendCallbacks {
  /** Response headers arrived. */
  onResponse?(response: CaptureResponse): void;
  /** One (decoded) body read, delivered synchronously as it arrives; `index` counts from 0. */
  onChunk?(chunk: Chunk, index: number): void;
}

const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * Send a request and capture the exchange.
 *
 * Never rejects for transport problems: a refused connection, a timeout, a cut
 * body or an abort are described by `capture.end` (reason and a message that
 * says what and where). Throws only for misuse (bad option types) and rethrows
 * an exception thrown by one of the callbacks.
 *
 * @example
 * const capture = await send(
 *   { method: "POST", url: "http://127.0.0.1:8080/v1/chat/completions", headers: [["content-type", "application/json"]], body },
 *   { onChunk: (chunk) => session.feed(chunk.bytes, chunk.t) },
 * );
 * if (capture.end.reason !== "complete") console.error(capture.end.error?.message);
 */
export async function send(opts: SendOptions, cb: SendCallbacks = {}): Promise<Capture> {
  checkOptions(opts);
  // Loaded before the clock starts, so module loading never counts as network time.
  const { request } = await loadUndici();
  const t0 = performance.now();
  const now = () => Math.round((performance.now() - t0) * 1000) / 1000;
  const capture: Capture = {
    version: 1,
    id: randomUUID(),
    startedAt: new Date().toISOString(),
    request: { method: opts.method, url: opts.url, headers: opts.headers, body: bodyText(opts.body) },
    response: null,
    chunks: [],
    end: { reason: "complete", at: null },
  };

  const url = parseUrl(opts.url);
  if (typeof url === "string") {
    capture.end = { reason: "error", at: now(), error: { code: "ERR_INVALID_URL", message: url } };
    return capture;
  }
  const shownUrl = redactUrl(opts.url);
  if (opts.signal?.aborted) {
    capture.end = { reason: "aborted", at: now() };
    return capture;
  }

  // Why an abort happened: the user's signal, or our total timeout.
  let cause: "user" | "total" | null = null;
  const controller = new AbortController();
  const onUserAbort = () => {
    cause ??= "user";
    controller.abort();
  };
  opts.signal?.addEventListener("abort", onUserAbort, { once: true });
  const total = opts.totalTimeoutMs;
  const totalTimer = total
    ? setTimeout(() => {
        cause ??= "total";
        controller.abort();
      }, total)
    : null;

  const headersTimeout = opts.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idleTimeout = opts.idleTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  let received = 0;
  const endFor = (error: unknown, responded: boolean): CaptureEnd => {
    const at = now();
    if (cause === "user") return { reason: "aborted", at };
    const code = errorCode(error);
    if (cause === "total") {
      const message = `no complete response within ${seconds(total ?? 0)} (total timeout) from ${shownUrl}`;
      return { reason: "timeout", at, error: { code: "TOTAL_TIMEOUT", message } };
    }
    if (code === "UND_ERR_HEADERS_TIMEOUT") {
      const message = `no response headers within ${seconds(headersTimeout)} from ${shownUrl}`;
      return { reason: "timeout", at, error: { code, message } };
    }
    if (code === "UND_ERR_BODY_TIMEOUT") {
      const message = `no data for ${seconds(idleTimeout)} from ${shownUrl} (after ${received} bytes)`;
      return { reason: "timeout", at, error: { code, message } };
    }
    if (code === "UND_ERR_CONNECT_TIMEOUT") {
      return {
        reason: "error",
        at,
        error: { code, message: `could not connect to ${url.host} (connect timeout)` },
      };
    }
    return failureEnd(error, url, responded, at);
  };

  const dispatcher = await createDispatcher(
    opts.ca === undefined
      ? { insecure: opts.insecure ?? false }
      : { insecure: opts.insecure ?? false, ca: opts.ca },
  );
  let failed = false;
  try {
    let res: Awaited<ReturnType<typeof import("undici").request>>;
    try {
      res = await request(url, {
        method: opts.method as "GET",
        headers: opts.headers.flat(),
        body: opts.body ?? null,
        dispatcher,
        signal: controller.signal,
        headersTimeout,
        bodyTimeout: idleTimeout,
        // Raw headers keep order, case and repeats. undici 6's types misspell the
        // option (`responseHeader`); the runtime reads `responseHeaders`.
        ...({ responseHeaders: "raw" } as object),
      });
    } catch (error) {
      failed = true;
      capture.end = endFor(error, false);
      return capture;
    }
    const headers = pairs(res.headers as unknown as string[]);
    const encoding = decodableEncoding(headerValue(headers, "content-encoding"));
    capture.response = {
      status: res.statusCode,
      statusText: STATUS_CODES[res.statusCode] ?? "",
      headers,
      encoding,
      headersAt: now(),
    };
    try {
      cb.onResponse?.(capture.response);
    } catch (error) {
      // A throwing callback is the caller's bug: drop the body and hand the error back.
      failed = true;
      res.body.on("error", () => {});
      res.body.destroy();
      throw error;
    }

    const body = readBody(res.body, encoding, now, {
      onChunk(chunk, index) {
        received += chunk.bytes.length;
        if (opts.keepChunks !== false) capture.chunks.push(chunk);
        cb.onChunk?.(chunk, index);
      },
      onFailure: (error) => endFor(error, true),
    });
    capture.end = await body;
    if (capture.end.reason !== "complete") failed = true;
    return capture;
  } finally {
    if (totalTimer) clearTimeout(totalTimer);
    opts.signal?.removeEventListener("abort", onUserAbort);
    // A failed exchange may leave a half-open socket: destroy rather than wait for it.
    if (failed) dispatcher.destroy().catch(() => {});
    else await dispatcher.close().catch(() => {});
  }
}

function checkOptions(opts: SendOptions): void {
  if (typeof opts !== "object" || opts === null) throw new TypeError("send(): options object required");
  if (typeof opts.method !== "string" || opts.method === "") {
    throw new TypeError("send(): `method` must be a non-empty string");
  }
  if (typeof opts.url !== "string") throw new TypeError("send(): `url` must be a string");
  if (!Array.isArray(opts.headers))
    throw new TypeError("send(): `headers` must be an array of [name, value]");
}

/** The URL, or a message saying why it is not usable. */
function parseUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `invalid URL: ${redactUrl(raw)}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `invalid URL: ${redactUrl(raw)} (only http: and https: are supported)`;
  }
  return url;
}

function bodyText(body: string | Uint8Array | null): string | null {
  if (body === null || typeof body === "string") return body;
  return new TextDecoder().decode(body);
}

/** Raw undici headers (flat name, value list) to pairs, order and case kept. */
function pairs(flat: readonly (string | Buffer)[]): Header[] {
  const out: Header[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([String(flat[i]), String(flat[i + 1])]);
  return out;
}
