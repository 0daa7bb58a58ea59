/**
 * Routing for the mock provider: find the format by path, read the knobs and
 * the body, then answer with an HTTP fault, a stream or the ordinary JSON.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { catalog } from "./catalog.js";
import { anthropic } from "./formats/anthropic.js";
import { cohere } from "./formats/cohere.js";
import { cohereV1 } from "./formats/cohere-v1.js";
import { gemini } from "./formats/gemini.js";
import { ollama } from "./formats/ollama.js";
import { openaiChat } from "./formats/openai-chat.js";
import { openaiResponses } from "./formats/openai-responses.js";
import { sseTicks } from "./formats/ticks.js";
import type { MockFormat, RouteContext } from "./formats/types.js";
import { isKnobError, knobs as knobTable, readKnobs } from "./knobs.js";
import { hashSeed } from "./random.js";
import { buildReply } from "./reply.js";
import { pause, writeStream } from "./write.js";

/** Every format the mock serves, in match order. */
const formats: readonly MockFormat[] = [
  openaiChat,
  openaiResponses,
  anthropic,
  gemini,
  ollama,
  cohere,
  cohereV1,
  sseTicks,
];

/** The routes, for the index page and `--help`. */
export const routes: ReadonlyArray<{ method: string; path: string; format: string }> = [
  { method: "POST", path: "/v1/chat/completions", format: "openai-chat" },
  { method: "POST", path: "/v1/responses", format: "openai-responses" },
  { method: "POST", path: "/v1/messages", format: "anthropic" },
  { method: "POST", path: "/v1beta/models/{model}:streamGenerateContent", format: "gemini" },
  { method: "POST", path: "/v1beta/models/{model}:generateContent", format: "gemini" },
  { method: "POST", path: "/api/chat", format: "ollama" },
  { method: "POST", path: "/api/generate", format: "ollama" },
  { method: "POST", path: "/v2/chat", format: "cohere" },
  { method: "POST", path: "/v1/chat", format: "cohere" },
  { method: "GET", path: "/sse/ticks", format: "sse" },
  { method: "GET", path: "/v1/models", format: "openai-chat" },
  { method: "GET", path: "/api/tags", format: "ollama" },
  { method: "GET", path: "/api/version", format: "ollama" },
  { method: "GET", path: "/v1beta/models", format: "gemini" },
];

const MAX_BODY = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (b: Buffer) => {
      size += b.length;
      if (size > MAX_BODY) reject(new Error(`request body over ${MAX_BODY} bytes`));
      else parts.push(b);
    });
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://mock.local");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  if (req.method === "GET" && path === "/") {
    sendJson(res, 200, { name: "sselens mock provider", routes, knobs: knobTable });
    return;
  }
  const list = req.method === "GET" ? catalog(path) : null;
  if (list !== null) {
    sendJson(res, 200, list);
    return;
  }
  let format: MockFormat | undefined;
  let endpoint: string | null = null;
  for (const f of formats) {
    endpoint = f.match(path);
    if (endpoint !== null) {
      format = f;
      break;
    }
  }
  if (!format || endpoint === null) {
    sendJson(res, 404, { error: { message: `no mock route for ${req.method} ${path}`, routes } });
    return;
  }
  if (req.method !== format.method) {
    sendJson(
      res,
      405,
      { error: { message: `${path} takes ${format.method}, not ${req.method}` } },
      {
        allow: format.method,
      },
    );
    return;
  }
  const fail = (status: number, message?: string) => {
    const e = format.httpError(status, message);
    sendJson(res, e.status, e.body, e.headers);
  };
  let knobs: ReturnType<typeof readKnobs>;
  try {
    knobs = readKnobs(url.searchParams, req.headers);
  } catch (e) {
    if (!isKnobError(e)) throw e;
    fail(400, e.message);
    return;
  }
  let body: Record<string, unknown> = {};
  if (format.method === "POST") {
    let text: string;
    try {
      text = await readBody(req);
    } catch (e) {
      fail(413, `cannot read the request body: ${(e as Error).message}`);
      return;
    }
    if (knobs.fault === null) {
      try {
        const parsed: unknown = text.trim() === "" ? {} : JSON.parse(text);
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
          throw new Error("not a JSON object");
        body = parsed as Record<string, unknown>;
      } catch (e) {
        fail(400, `request body is not a JSON object: ${(e as Error).message}`);
        return;
      }
    }
  }
  if (knobs.fault !== null) {
    fail(knobs.fault);
    return;
  }
  const ctx: RouteContext = { endpoint, path, query: url.searchParams, knobs };
  const view = format.read(body, ctx);
  // The seed names the format, not the endpoint, so `stream:false` and Gemini's
  // `:generateContent` tell the same story as the stream.
  const route = format.name;
  const reply = buildReply(route, view, knobs);
  const requestId = `req_${hashSeed(route, view.model, view.lastUser, knobs.seed).toString(16)}`;
  if (knobs.wait > 0) await pause(res, knobs.wait);
  if (res.destroyed) return;
  if (!view.stream) {
    sendJson(res, 200, format.json(reply, view, ctx), { "x-request-id": requestId });
    return;
  }
  res.writeHead(200, {
    "content-type": format.contentType(ctx),
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-request-id": requestId,
  });
  // Headers go out now, as a provider's do; the body follows at the stream's own pace.
  res.flushHeaders();
  await writeStream(res, format.stream(reply, view, ctx), knobs, hashSeed(requestId, "pace"));
}

/**
 * The mock provider as a plain Node request listener, so another server (the
 * web app's) can mount it. Paths match by suffix, so a prefix such as
 * `/mock/v1/chat/completions` works too.
 */
export function mockHandler(req: IncomingMessage, res: ServerResponse): void {
  handle(req, res).catch((e: unknown) => {
    if (!res.headersSent) sendJson(res, 500, { error: { message: `mock provider bug: ${String(e)}` } });
    else res.destroy();
  });
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:4545` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Start the mock provider on loopback.
 * @example
 * const mock = await startMock();
 * const openai = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: "x" });
 * await mock.close();
 */
export function startMock(opts: { port?: number; host?: string } = {}): Promise<MockServer> {
  const host = opts.host ?? "127.0.0.1";
  const server = createServer(mockHandler);
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : (opts.port ?? 0);
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
