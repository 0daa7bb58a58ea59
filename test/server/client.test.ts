/**
 * The page's client module (`web/api`) against the real app through
 * `app.request()`, runs sent over loopback to the mock provider; and the
 * recorded client, which must hand the page the same messages for the same capture.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeCapture } from "../../src/core/pipeline/analyze.js";
import { send } from "../../src/node/http/send.js";
import type { RunRequest } from "../../src/server/protocol.js";
import {
  type ClientMessage,
  createLiveClient,
  createRecordedClient,
  fromWireCapture,
  isApiError,
  runToMessages,
  toWireCapture,
} from "../../web/api/index.js";
import { createTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const chat = (query: string): RunRequest => ({
  request: {
    method: "POST",
    url: `${t.mock.url}/v1/chat/completions?${query}`,
    headers: [["content-type", "application/json"]],
    body: JSON.stringify({
      model: "gpt-4o-mini",
      stream: true,
      messages: [{ role: "user", content: "hello" }],
    }),
  },
});

const concat = (messages: ClientMessage[]): string =>
  Buffer.concat(messages.flatMap((m) => (m.type === "chunk" ? [m.bytes] : []))).toString("utf8");

describe("createLiveClient", () => {
  it("iterates a run's messages in order and resolves the whole capture", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const handle = client.run(chat("delay=0&jitter=0"));
    const messages: ClientMessage[] = [];
    for await (const message of handle) messages.push(message);
    expect(messages[0]?.type).toBe("start");
    expect(messages.at(-1)?.type).toBe("end");
    const { capture } = await handle.done;
    expect(capture.id).toBe(await handle.id);
    expect(capture.response?.status).toBe(200);
    expect(Buffer.concat(capture.chunks.map((c) => c.bytes)).toString("utf8")).toBe(concat(messages));
    expect(concat(messages)).toContain("[DONE]");
  });

  it("getRun gives back the same bytes, and replays as the same messages the live run sent", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const live: ClientMessage[] = [];
    const handle = client.run(chat("delay=0&jitter=0&seed=2"), { onMessage: (m) => live.push(m) });
    const done = await handle.done;
    const reopened = await client.getRun(done.capture.id);
    expect(runToMessages(reopened)).toEqual(live);
    expect(reopened).toEqual(done);
    const runs = await client.listRuns();
    expect(runs.some((r) => r.id === done.capture.id && r.end === "complete")).toBe(true);
  });

  it("through the server, a run merges exactly like the same request sent directly, live and re-opened", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const request = chat("delay=0&jitter=0&seed=7").request;
    const reasoning = { ...request, body: request.body!.replace("gpt-4o-mini", "deepseek-reasoner") };
    const live = await client.run({ request: reasoning }).done;
    const reopened = await client.getRun(live.capture.id);
    const direct = await send({ ...reasoning, headers: reasoning.headers });
    const viaServer = analyzeCapture(live.capture);
    expect(viaServer.choices[0]?.reasoning).toBeTruthy();
    expect(viaServer.choices[0]?.content).toBeTruthy();
    expect(viaServer.complete).toBe(true);
    expect(analyzeCapture(reopened.capture).choices).toEqual(viaServer.choices);
    expect(analyzeCapture(direct).choices).toEqual(viaServer.choices);
  });

  it("a handle given onMessage refuses to be iterated too", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const handle = client.run(chat("delay=0&jitter=0"), { onMessage: () => {} });
    expect(() => handle[Symbol.asyncIterator]()).toThrow(/onMessage/);
    await handle.done;
  });

  it("aborting the signal cancels the run on the server: it ends aborted", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const controller = new AbortController();
    const handle = client.run(chat("delay=100&jitter=0"), {
      signal: controller.signal,
      onMessage: (m) => {
        if (m.type === "chunk") controller.abort();
      },
    });
    const { capture } = await handle.done;
    expect(capture.end.reason).toBe("aborted");
    expect(capture.chunks.length).toBeGreaterThan(0);
  });

  it("a signal aborted before the run starts cancels it as soon as it has an id", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const controller = new AbortController();
    controller.abort();
    const handle = client.run(chat("delay=100&jitter=0"), { signal: controller.signal });
    expect((await handle.done).capture.end.reason).toBe("aborted");
  });

  it("cancel() on the handle ends the run aborted", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const handle = client.run(chat("delay=100&jitter=0"));
    for await (const message of handle) if (message.type === "response") await handle.cancel();
    expect((await handle.done).capture.end.reason).toBe("aborted");
  });

  it("refusals become ApiError with the server's status and message", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    const handle = client.run({ request: { method: "GET", url: "{{missing}}", headers: [], body: null } });
    await expect(handle.done).rejects.toSatisfy(
      (e) => isApiError(e) && e.status === 400 && /\{\{missing\}\}/.test(e.message),
    );
    await expect(handle.id).rejects.toBeDefined();
    const noCookie = createLiveClient({
      fetch: async (input, init) =>
        t.app.request(String(input), { ...init, headers: { host: "127.0.0.1:43210" } }),
    });
    await expect(noCookie.getInfo()).rejects.toSatisfy((e) => isApiError(e) && e.status === 401);
    await expect(client.getRun("nope")).rejects.toSatisfy((e) => isApiError(e) && e.status === 404);
  });

  it("an unreachable server is an ApiError with status 0", async () => {
    const client = createLiveClient({ baseUrl: "http://127.0.0.1:9" });
    await expect(client.getInfo()).rejects.toSatisfy(
      (e) => isApiError(e) && e.status === 0 && e.code === "unreachable",
    );
  });

  it("reads templates, info, collections and environments", async () => {
    const client = createLiveClient({ fetch: t.fetch });
    expect((await client.getTemplates()).length).toBe(10);
    expect((await client.getInfo()).mockUrl).toBe(t.mock.url);
    const doc = { collections: [{ id: "a", name: "A", requests: [] }] };
    expect(await client.saveCollections(doc)).toEqual(doc);
    expect(await client.getCollections()).toEqual(doc);
    const envs = {
      active: null,
      environments: [{ name: "e", variables: [{ name: "x", value: "1", secret: false }] }],
    };
    expect(await client.saveEnvironments(envs)).toEqual(envs);
    expect(await client.getEnvironments()).toEqual(envs);
  });
});

describe("createRecordedClient", () => {
  it("serves recorded runs with the live client's interface and messages", async () => {
    const live = createLiveClient({ fetch: t.fetch });
    const recorded = await live.run(chat("delay=0&jitter=0&seed=3")).done;
    const client = createRecordedClient([recorded]);
    expect(client.kind).toBe("recorded");
    expect(await client.listRuns()).toEqual([
      expect.objectContaining({ id: recorded.capture.id, status: 200, end: "complete" }),
    ]);
    expect(await client.getRun(recorded.capture.id)).toEqual(recorded);

    const replayed: ClientMessage[] = [];
    const handle = client.run(chat("delay=0&jitter=0&seed=3"));
    for await (const m of handle) replayed.push(m);
    const expected = runToMessages(recorded).map((m) =>
      m.type === "start" ? { ...m, id: expect.any(String) } : m,
    );
    expect(replayed).toEqual(expected);
    expect((await client.listRuns()).length).toBe(2);
  });

  it("a request with no recording is an ApiError 404", async () => {
    const client = createRecordedClient([]);
    await expect(client.run(chat("x=1")).done).rejects.toSatisfy((e) => isApiError(e) && e.status === 404);
  });

  it("the wire form round-trips a capture exactly", async () => {
    const bytes = new Uint8Array([0, 255, 0xe2, 0x82, 10]);
    const run = {
      capture: {
        version: 1 as const,
        id: "x",
        startedAt: "2026-01-01T00:00:00.000Z",
        request: { method: "GET", url: "http://h/", headers: [], body: null },
        response: null,
        chunks: [{ t: 1.5, bytes }],
        end: { reason: "cut" as const, at: 2 },
      },
      savedId: "s",
    };
    expect(fromWireCapture(toWireCapture(run))).toEqual(run);
  });
});
