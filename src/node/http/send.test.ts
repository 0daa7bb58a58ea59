import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultServer, SSE_BODY, startFaultServer } from "../../../test/cli/fault-server.js";
import type { Capture } from "../../core/capture/types.js";
import { compressedStreamNote } from "./notes.js";
import { send } from "./send.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, extra: Partial<Parameters<typeof send>[0]> = {}) =>
  send({ method: "GET", url: server.url + path, headers: [], body: null, ...extra });

const text = (capture: Capture) => Buffer.concat(capture.chunks.map((c) => c.bytes)).toString("utf8");

/** A loopback port with nothing listening (bound then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("send", () => {
  it("captures a complete stream with status, headers and timed chunks", async () => {
    const capture = await get("/sse");
    expect(capture.end.reason).toBe("complete");
    expect(capture.response?.status).toBe(200);
    expect(capture.response?.statusText).toBe("OK");
    expect(capture.response?.headers).toContainEqual(["content-type", "text/event-stream"]);
    expect(capture.response?.encoding).toBeNull();
    expect(text(capture)).toBe(SSE_BODY);
    for (const c of capture.chunks) expect(c.t).toBeGreaterThanOrEqual(capture.response?.headersAt ?? 0);
    expect(capture.end.at).toBeGreaterThanOrEqual(capture.chunks.at(-1)?.t ?? 0);
  });

  it("delivers chunks to onChunk as they arrive, before the body ends", async () => {
    const seen: string[] = [];
    let firstChunkBeforeEnd = false;
    const capture = await send(
      { method: "GET", url: `${server.url}/slow?n=3&ms=80`, headers: [], body: null },
      {
        onChunk(chunk, index) {
          seen.push(`${index}:${Buffer.from(chunk.bytes).toString()}`);
          if (index === 0) firstChunkBeforeEnd = true;
        },
      },
    );
    expect(firstChunkBeforeEnd).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]).toMatch(/^0:id: 0\n/);
    // Chunk times increase: each was stamped when its bytes arrived.
    const times = capture.chunks.map((c) => c.t ?? 0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("keeps no chunks when keepChunks is false, but still delivers them", async () => {
    let n = 0;
    const capture = await send(
      { method: "GET", url: `${server.url}/sse`, headers: [], body: null, keepChunks: false },
      { onChunk: () => n++ },
    );
    expect(capture.chunks).toEqual([]);
    expect(n).toBeGreaterThan(0);
  });

  it("sends method, headers and body as given", async () => {
    const capture = await send({
      method: "POST",
      url: `${server.url}/echo`,
      headers: [
        ["Content-Type", "application/json"],
        ["X-Test", "1"],
      ],
      body: '{"a":1}',
    });
    const echo = JSON.parse(text(capture));
    expect(echo.method).toBe("POST");
    expect(echo.headers["x-test"]).toBe("1");
    expect(echo.headers["content-type"]).toBe("application/json");
    expect(echo.body).toBe('{"a":1}');
    expect(capture.request.body).toBe('{"a":1}');
  });

  it("records a body cut mid-event as `cut`, keeping what arrived", async () => {
    const capture = await get("/cut");
    expect(capture.end.reason).toBe("cut");
    expect(capture.end.error?.message).toMatch(/connection cut/);
    expect(text(capture)).toContain('data: {"id":"c1","choi');
  });

  it("keeps an HTTP 500 with an HTML body as a complete exchange", async () => {
    const capture = await get("/html500");
    expect(capture.end.reason).toBe("complete");
    expect(capture.response?.status).toBe(500);
    expect(capture.response?.statusText).toBe("Internal Server Error");
    expect(text(capture)).toContain("<h1>500 Internal Server Error</h1>");
  });

  it("times out with a clear message when headers never come", async () => {
    const capture = await get("/hang", { headersTimeoutMs: 300 });
    expect(capture.end.reason).toBe("timeout");
    expect(capture.response).toBeNull();
    expect(capture.end.error?.message).toBe(`no response headers within 0.3 s from ${server.url}/hang`);
  });

  it("times out when the body goes silent, keeping what arrived", async () => {
    const capture = await get("/idle", { idleTimeoutMs: 300 });
    expect(capture.end.reason).toBe("timeout");
    expect(capture.response?.status).toBe(200);
    expect(capture.end.error?.message).toMatch(
      /^no data for 0\.3 s from http:\/\/127\.0\.0\.1:\d+\/idle \(after \d+ bytes\)$/,
    );
    expect(text(capture)).toContain("Hel");
  });

  it("times out on the total timeout", async () => {
    const capture = await get("/slow?n=20&ms=100", { totalTimeoutMs: 250 });
    expect(capture.end.reason).toBe("timeout");
    expect(capture.end.error?.code).toBe("TOTAL_TIMEOUT");
    expect(capture.end.error?.message).toMatch(/total timeout/);
  });

  it("reports a refused connection with its address", async () => {
    const port = await closedPort();
    const capture = await send({ method: "GET", url: `http://127.0.0.1:${port}/`, headers: [], body: null });
    expect(capture.end.reason).toBe("error");
    expect(capture.response).toBeNull();
    expect(capture.end.error?.code).toBe("ECONNREFUSED");
    expect(capture.end.error?.message).toBe(
      `cannot connect to 127.0.0.1:${port}: connection refused, nothing is listening there (ECONNREFUSED)`,
    );
  });

  it("returns an error capture for a bad URL instead of throwing", async () => {
    const capture = await send({ method: "GET", url: "not a url", headers: [], body: null });
    expect(capture.end).toMatchObject({ reason: "error", error: { message: "invalid URL: not a url" } });
    const ftp = await send({ method: "GET", url: "ftp://x/", headers: [], body: null });
    expect(ftp.end.error?.message).toMatch(/only http: and https:/);
  });

  it("redacts secrets in URLs it puts in messages", async () => {
    const capture = await send({
      method: "GET",
      url: "http://[bad/?key=AIzaSECRETSECRETSECRET1234",
      headers: [],
      body: null,
    });
    expect(capture.end.error?.message).not.toContain("SECRETSECRET");
  });

  it("throws for misuse", async () => {
    await expect(send({ method: "", url: "http://x", headers: [], body: null })).rejects.toThrow(/method/);
  });

  it("ends as `aborted` when the signal fires, keeping the chunks so far", async () => {
    const controller = new AbortController();
    const capture = await send(
      {
        method: "GET",
        url: `${server.url}/slow?n=20&ms=50`,
        headers: [],
        body: null,
        signal: controller.signal,
      },
      { onChunk: (_c, i) => i === 1 && controller.abort() },
    );
    expect(capture.end.reason).toBe("aborted");
    expect(capture.chunks.length).toBeGreaterThanOrEqual(2);
    expect(capture.end.error).toBeUndefined();
  });

  it("ends as `aborted` at once for an already aborted signal", async () => {
    const capture = await get("/sse", { signal: AbortSignal.abort() });
    expect(capture.end.reason).toBe("aborted");
    expect(capture.response).toBeNull();
  });

  it("rethrows an exception from a callback (a caller bug), not a transport end", async () => {
    await expect(
      send(
        { method: "GET", url: `${server.url}/sse`, headers: [], body: null },
        {
          onChunk() {
            throw new Error("boom");
          },
        },
      ),
    ).rejects.toThrow("boom");
  });

  it("rethrows an exception from onResponse without hanging on the unread body", async () => {
    await expect(
      send(
        { method: "GET", url: `${server.url}/slow?n=50&ms=100`, headers: [], body: null },
        {
          onResponse() {
            throw new Error("bad callback");
          },
        },
      ),
    ).rejects.toThrow("bad callback");
  });

  for (const kind of ["gzip", "br", "deflate", "deflate-raw"]) {
    it(`decodes a ${kind} stream chunk by chunk and notes the encoding`, async () => {
      const capture = await get(`/${kind}`);
      expect(capture.end.reason).toBe("complete");
      expect(capture.response?.encoding).toBe(kind === "deflate-raw" ? "deflate" : kind);
      expect(text(capture)).toBe(SSE_BODY);
      // Flushed per event by the server, so decoded pieces arrive over time, not all at the end.
      expect(capture.chunks.length).toBeGreaterThanOrEqual(4);
      const times = capture.chunks.map((c) => c.t ?? 0);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });
  }
});

describe("compressedStreamNote", () => {
  it("flags a compressed event stream as a buffering risk, and nothing else", async () => {
    expect(compressedStreamNote((await get("/gzip")).response)).toMatch(/gzip-compressed.*buffering risk/);
    expect(compressedStreamNote((await get("/sse")).response)).toBeNull();
    expect(compressedStreamNote(null)).toBeNull();
  });
});
