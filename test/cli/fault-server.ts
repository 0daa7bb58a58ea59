/**
 * A plain node:http server with the faults sselens must survive, for loopback
 * tests of the HTTP client and the CLI. Every route is deterministic.
 *
 *   /sse            3 OpenAI-style chunks and [DONE], text/event-stream
 *   /slow?n=&ms=    n events, one every ms milliseconds (default 5, 100)
 *   /slow-chat?n=&ms=  the same paced, as OpenAI chat chunks ("w0 w1 …"), then [DONE]
 *   /cut            headers and half an event, then the socket is destroyed
 *   /redirect       HTTP 307 to /sse, no body
 *   /html500        HTTP 500 with an HTML body
 *   /error401       HTTP 401 with OpenAI's error JSON
 *   /hang           accepts the request, never answers
 *   /idle           one event, then silence with the connection open
 *   /no-ct /wrong-ct  the /sse body without / with a wrong Content-Type
 *   /gzip /br /deflate /deflate-raw   the /sse body compressed, flushed per event
 *   /ndjson         Ollama-style lines
 *   /plain          a body that is neither SSE nor NDJSON
 *   /echo           the request as JSON: method, headers, body
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { constants, createBrotliCompress, createDeflate, createDeflateRaw, createGzip } from "node:zlib";

export const SSE_EVENTS = [
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}\n\n',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}\n\n',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
  "data: [DONE]\n\n",
];
export const SSE_BODY = SSE_EVENTS.join("");

export interface FaultServer {
  url: string;
  /** Events written so far by the paced routes (/slow, /slow-chat), over all requests. */
  written(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let writtenEvents = 0;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://x");
  const sse = { "content-type": "text/event-stream", "cache-control": "no-cache" };
  switch (url.pathname) {
    case "/sse":
      res.writeHead(200, sse);
      for (const e of SSE_EVENTS) res.write(e);
      res.end();
      return;
    case "/slow": {
      const n = Number(url.searchParams.get("n") ?? 5);
      const ms = Number(url.searchParams.get("ms") ?? 100);
      res.writeHead(200, sse);
      res.flushHeaders();
      for (let i = 0; i < n; i++) {
        await sleep(ms);
        if (res.destroyed) return;
        res.write(`id: ${i}\ndata: {"i":${i}}\n\n`);
        writtenEvents++;
      }
      res.end();
      return;
    }
    case "/slow-chat": {
      const n = Number(url.searchParams.get("n") ?? 5);
      const ms = Number(url.searchParams.get("ms") ?? 100);
      res.writeHead(200, sse);
      res.flushHeaders();
      for (let i = 0; i < n; i++) {
        await sleep(ms);
        if (res.destroyed) return;
        const delta = JSON.stringify({ content: `w${i} ` });
        res.write(`data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":${delta}}]}\n\n`);
        writtenEvents++;
      }
      res.write(
        'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
      );
      res.end("data: [DONE]\n\n");
      return;
    }
    case "/cut":
      res.writeHead(200, sse);
      res.write(SSE_EVENTS[0]);
      res.write('data: {"id":"c1","choi');
      await sleep(30);
      res.socket?.destroy();
      return;
    case "/redirect":
      res.writeHead(307, { location: "/sse" });
      res.end();
      return;
    case "/html500":
      res.writeHead(500, { "content-type": "text/html" });
      res.end("<html><body><h1>500 Internal Server Error</h1></body></html>");
      return;
    case "/error401":
      res.writeHead(401, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: {
            message: "Incorrect API key provided",
            type: "invalid_request_error",
            code: "invalid_api_key",
          },
        }),
      );
      return;
    case "/hang":
      return; // never answers; the client's timeout must fire
    case "/idle":
      res.writeHead(200, sse);
      res.write(SSE_EVENTS[0]);
      return;
    case "/no-ct":
      res.writeHead(200, {});
      res.end(SSE_BODY);
      return;
    case "/wrong-ct":
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(SSE_BODY);
      return;
    case "/gzip":
    case "/br":
    case "/deflate":
    case "/deflate-raw":
      return compressed(url.pathname.slice(1), res);
    case "/ndjson":
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      res.write('{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}\n');
      res.end('{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}\n');
      return;
    case "/plain":
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("just some words, not a stream\n");
      return;
    case "/echo": {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      return;
    }
    default:
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(`no route ${url.pathname}`);
  }
}

async function compressed(kind: string, res: ServerResponse): Promise<void> {
  const encoder =
    kind === "gzip"
      ? createGzip()
      : kind === "br"
        ? createBrotliCompress()
        : kind === "deflate"
          ? createDeflate()
          : createDeflateRaw();
  const encoding = kind === "deflate-raw" ? "deflate" : kind;
  res.writeHead(200, { "content-type": "text/event-stream", "content-encoding": encoding });
  encoder.pipe(res);
  for (const e of SSE_EVENTS) {
    encoder.write(e);
    // Flush per event, as a streaming server would, so each event is decodable on arrival.
    await new Promise<void>((r) =>
      kind === "br" ? encoder.flush(constants.BROTLI_OPERATION_FLUSH, r) : encoder.flush(r),
    );
    await sleep(5);
  }
  encoder.end();
}

/** Start the fault server on an ephemeral loopback port. */
export async function startFaultServer(): Promise<FaultServer> {
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    written: () => writtenEvents,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
