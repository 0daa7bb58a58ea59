/**
 * A request's `timeout` (seconds, like curl's `--max-time`): validated at the boundary, saved
 * with the request, and passed to send(), so a run against a stalled provider ends `timeout`
 * with everything received kept. Real runs over loopback to the built-in mock, whose `stall`
 * knob pauses mid-stream and `wait` knob holds back the response headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CollectionsDoc, RunMessage, WireCapture } from "../../src/server/protocol.js";
import { MAX_TIMEOUT_SECONDS } from "../../src/server/protocol.js";
import { createTestApp, readLines, type TestApp } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const json = (method: string, path: string, body: unknown) =>
  t.request(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const chatRequest = (query: string, timeout?: unknown) => ({
  method: "POST",
  url: `${t.mock.url}/v1/chat/completions?${query}`,
  headers: [["content-type", "application/json"]] as [string, string][],
  body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "hi" }] }),
  ...(timeout === undefined ? {} : { timeout }),
});

const run = async (request: unknown): Promise<RunMessage[]> => {
  const res = await json("POST", "/api/runs", { request });
  expect(res.status).toBe(200);
  return (await readLines(res)) as RunMessage[];
};

const endOf = (messages: RunMessage[]) => {
  const last = messages.at(-1);
  if (last?.type !== "end") throw new Error(`the last message is ${last?.type}, not end`);
  return last.end;
};

describe("a run with a timeout", () => {
  it("that passes mid-stream ends timeout, keeping every chunk received before it", async () => {
    // The mock sends events 0..2, then stalls far longer than the 0.5 s the request allows.
    const messages = await run(chatRequest("delay=1&jitter=0&stall=20000&at=3", 0.5));
    expect(messages[1]).toMatchObject({ type: "response", response: { status: 200 } });
    const chunks = messages.filter((m) => m.type === "chunk");
    expect(chunks.length).toBeGreaterThan(0);
    const body = Buffer.concat(chunks.map((c) => Buffer.from(c.data, "base64"))).toString("utf8");
    expect(body).toContain('"role":"assistant"');
    expect(body).not.toContain("[DONE]");

    const end = endOf(messages);
    expect(end.reason).toBe("timeout");
    expect(end.error?.code).toBe("TOTAL_TIMEOUT");
    expect(end.error?.message).toContain("was still going after the request's timeout of 0.5 s");
    expect(end.error?.message).toContain(`(${Buffer.byteLength(body)} bytes in ${chunks.length} chunk`);

    const id = (messages[0] as Extract<RunMessage, { type: "start" }>).id;
    const wire = (await (await t.request(`/api/runs/${id}`)).json()) as WireCapture;
    expect(wire.end).toEqual(end);
    expect(wire.chunks.map((c) => c.b64)).toEqual(chunks.map((c) => c.data));
  });

  it("that passes before the response headers ends timeout and says no headers came", async () => {
    const messages = await run(chatRequest("wait=20000", 0.3));
    expect(messages.map((m) => m.type)).toEqual(["start", "end"]);
    const end = endOf(messages);
    expect(end.reason).toBe("timeout");
    expect(end.error?.message).toMatch(/^no response headers from http:\/\/127\.0\.0\.1:\d+\/v1\/chat/);
    expect(end.error?.message).toContain("within the request's timeout of 0.3 s");
  });

  it("long enough for the stream lets it complete", async () => {
    const messages = await run(chatRequest("delay=0&jitter=0", 60));
    expect(endOf(messages).reason).toBe("complete");
  });
});

describe("timeout validation", () => {
  it.each([0, -1, "5", MAX_TIMEOUT_SECONDS + 1, true])(
    "refuses %j with 400 naming request.timeout",
    async (bad) => {
      const res = await json("POST", "/api/runs", { request: chatRequest("delay=0", bad) });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("bad-request");
      expect(error.message).toContain("request.timeout must be a number of seconds above 0");
      expect(error.message).toContain(`at most ${MAX_TIMEOUT_SECONDS}`);
    },
  );

  it("is saved with a request, and a bad one is refused with the path of the fault", async () => {
    const doc: CollectionsDoc = {
      collections: [
        {
          id: "c1",
          name: "Slow providers",
          requests: [{ id: "r1", name: "Hangs", request: { ...chatRequest("stall=20000"), timeout: 2.5 } }],
        },
      ],
    };
    const saved = await json("PUT", "/api/collections", doc);
    expect(saved.status).toBe(200);
    const read = (await (await t.request("/api/collections")).json()) as CollectionsDoc;
    expect(read.collections[0]?.requests[0]?.request.timeout).toBe(2.5);

    const bad = structuredClone(doc);
    (bad.collections[0]!.requests[0]!.request as { timeout: unknown }).timeout = "soon";
    const refused = await json("PUT", "/api/collections", bad);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("collections[0].requests[0].request.timeout");
    const after = (await (await t.request("/api/collections")).json()) as CollectionsDoc;
    expect(after.collections[0]?.requests[0]?.request.timeout).toBe(2.5);
  });
});
