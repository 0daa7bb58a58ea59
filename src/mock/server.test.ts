import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, mockHandler, startMock } from "./index.js";
import { raw } from "./test-client.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const fast = { "x-mock-delay": "0", "x-mock-jitter": "0" };
const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: "gpt-4o-mini",
  stream: true,
  messages: [{ role: "user", content }],
  ...extra,
});

/** One streamed request per route, and how each format says "done". */
const ROUTES: Array<{ name: string; path: string; body: unknown; end: RegExp; type: string }> = [
  {
    name: "openai-chat",
    path: "/v1/chat/completions",
    body: chat("hi"),
    end: /data: \[DONE\]\n\n$/,
    type: "text/event-stream",
  },
  {
    name: "openai-responses",
    path: "/v1/responses",
    body: { model: "gpt-4.1", input: "hi", stream: true },
    end: /event: response\.completed\n.*\n\n$/,
    type: "text/event-stream",
  },
  {
    name: "anthropic",
    path: "/v1/messages",
    body: {
      model: "claude-sonnet-4-5",
      max_tokens: 100,
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    },
    end: /event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/,
    type: "text/event-stream",
  },
  {
    name: "gemini sse",
    path: "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    body: { contents: [{ role: "user", parts: [{ text: "hi" }] }] },
    end: /"finishReason":"STOP".*\n\n$/,
    type: "text/event-stream",
  },
  {
    name: "ollama chat",
    path: "/api/chat",
    body: { model: "llama3.2", messages: [{ role: "user", content: "hi" }] },
    end: /"done":true,"done_reason":"stop".*\n$/,
    type: "application/x-ndjson",
  },
  {
    name: "ollama generate",
    path: "/api/generate",
    body: { model: "llama3.2", prompt: "hi" },
    end: /"done":true.*\n$/,
    type: "application/x-ndjson",
  },
  {
    name: "cohere",
    path: "/v2/chat",
    body: { model: "command-a-03-2025", stream: true, messages: [{ role: "user", content: "hi" }] },
    end: /event: message-end\n.*"finish_reason":"COMPLETE".*\n\n$/,
    type: "text/event-stream",
  },
  {
    name: "ticks",
    path: "/sse/ticks",
    body: undefined,
    end: /event: end\nid: \d+\ndata: .*\n\n$/,
    type: "text/event-stream",
  },
];

describe("mock routes", () => {
  for (const r of ROUTES) {
    it(`${r.name}: streams with the right content type and ends with the format's end signal`, async () => {
      const reply = await raw(mock.url + r.path, r.body, fast);
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toContain(r.type);
      expect(reply.cut).toBe(false);
      expect(reply.text).toMatch(r.end);
    });
  }

  it("gemini without alt=sse sends one JSON array of responses", async () => {
    const body = { contents: [{ role: "user", parts: [{ text: "hi" }] }] };
    const reply = await raw(`${mock.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, body, fast);
    expect(reply.headers["content-type"]).toContain("application/json");
    const list = JSON.parse(reply.text) as Array<{ candidates: unknown[] }>;
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((r) => Array.isArray(r.candidates))).toBe(true);
  });

  it("answers stream:false (and :generateContent) with the provider's ordinary JSON", async () => {
    const openai = await raw(`${mock.url}/v1/chat/completions`, chat("hi", { stream: false }), fast);
    expect(JSON.parse(openai.text).object).toBe("chat.completion");
    const anthropic = await raw(`${mock.url}/v1/messages`, {
      model: "c",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(JSON.parse(anthropic.text)).toMatchObject({ type: "message", stop_reason: "end_turn" });
    const gemini = await raw(`${mock.url}/v1beta/models/g:generateContent`, {
      contents: [{ parts: [{ text: "hi" }] }],
    });
    expect(JSON.parse(gemini.text).candidates[0].finishReason).toBe("STOP");
    const ollama = await raw(`${mock.url}/api/chat`, { model: "m", stream: false, messages: [] });
    expect(JSON.parse(ollama.text)).toMatchObject({ done: true, message: { role: "assistant" } });
    const cohere = await raw(`${mock.url}/v2/chat`, {
      model: "m",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(JSON.parse(cohere.text).finish_reason).toBe("COMPLETE");
    const responses = await raw(`${mock.url}/v1/responses`, { model: "m", input: "hi" });
    expect(JSON.parse(responses.text)).toMatchObject({ object: "response", status: "completed" });
  });

  it("asks for reasoning by model name (deepseek-reasoner) and not otherwise", async () => {
    const plain = await raw(`${mock.url}/v1/chat/completions`, chat("hi"), fast);
    const reasoner = await raw(
      `${mock.url}/v1/chat/completions`,
      chat("hi", { model: "deepseek-reasoner" }),
      fast,
    );
    expect(plain.text).not.toContain("reasoning_content");
    expect(reasoner.text).toContain('"reasoning_content":"Okay,');
  });

  it("lists routes and knobs at GET /, and says what is wrong for unknown paths and methods", async () => {
    const index = JSON.parse((await raw(`${mock.url}/`)).text);
    expect(index.routes.map((r: { path: string }) => r.path)).toContain("/v1/messages");
    expect(index.knobs.map((k: { name: string }) => k.name)).toContain("bunch");
    const missing = await raw(`${mock.url}/v9/nothing`, {});
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("no mock route for POST /v9/nothing");
    expect((await raw(`${mock.url}/v1/chat/completions`)).status).toBe(405);
  });

  it("refuses a bad knob value with a 400 in the provider's error shape", async () => {
    const reply = await raw(`${mock.url}/v1/chat/completions?delay=soon`, chat("hi"));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text).error.message).toBe(
      'mock knob delay="soon": expected an integer 0..600000',
    );
  });
});

describe("determinism", () => {
  it("sends identical bytes for the same request, whatever the headers and key order", async () => {
    const url = `${mock.url}/v1/chat/completions`;
    const a = await raw(url, chat("Explain SSE", { n: 2, tools: undefined }), fast);
    const reordered = JSON.stringify({
      messages: [{ content: "Explain SSE", role: "user" }],
      n: 2,
      stream: true,
      model: "gpt-4o-mini",
    });
    const b = await raw(url, reordered, { ...fast, authorization: "Bearer sk-other", "user-agent": "x/1" });
    expect(b.text).toBe(a.text);
    // Earlier turns and other fields do not count: only the last user message does.
    const history = chat("Explain SSE", { n: 2, temperature: 0.2 });
    history.messages = [
      { role: "user", content: "earlier" },
      { role: "assistant", content: "ok" },
      ...history.messages,
    ];
    expect((await raw(url, history, fast)).text).toBe(a.text);
  });

  it("varies with the seed knob, the model and the last user message", async () => {
    const url = `${mock.url}/v1/chat/completions`;
    const base = (await raw(url, chat("Explain SSE"), fast)).text;
    expect((await raw(`${url}?seed=7`, chat("Explain SSE"), fast)).text).not.toBe(base);
    expect((await raw(url, chat("Explain SSE", { model: "gpt-4o" }), fast)).text).not.toBe(base);
    expect((await raw(url, chat("Explain NDJSON"), fast)).text).not.toBe(base);
    expect((await raw(`${url}?seed=7`, chat("Explain SSE"), fast)).text).toBe(
      (await raw(url, chat("Explain SSE"), { ...fast, "x-mock-seed": "7" })).text,
    );
  });

  it("is deterministic for every format, whatever the key order and credentials", async () => {
    /** The same JSON with every object's keys in reverse order. */
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    for (const r of ROUTES) {
      const a = await raw(mock.url + r.path, r.body, fast);
      const body = r.body === undefined ? undefined : reversed(r.body);
      const b = await raw(mock.url + r.path, body, {
        ...fast,
        "x-api-key": "other",
        authorization: "Bearer x",
      });
      expect(b.text, r.name).toBe(a.text);
    }
  });
});

describe("mockHandler", () => {
  it("can be mounted under a prefix by another server", async () => {
    const host: Server = createServer((req, res) => {
      if (req.url?.startsWith("/mock/")) mockHandler(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const address = host.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const mounted = await raw(`http://127.0.0.1:${port}/mock/v1/chat/completions`, chat("hi"), fast);
      const direct = await raw(`${mock.url}/v1/chat/completions`, chat("hi"), fast);
      expect(mounted.text).toBe(direct.text);
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });
});
