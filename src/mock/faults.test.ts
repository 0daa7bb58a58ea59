import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BURST_SILENCE_MS } from "../core/metrics/accumulate.js";
import { type MockServer, startMock } from "./index.js";
import { raw } from "./test-client.js";
import { BUNCH_MIN_HOLD_MS } from "./write.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const chatBody = {
  model: "gpt-4o-mini",
  stream: true,
  messages: [{ role: "user", content: "Tell me about faults" }],
};
const chatUrl = () => `${mock.url}/v1/chat/completions`;
const fast = "delay=0&jitter=0";

describe("fault knob: HTTP errors in each provider's own shape", () => {
  const cases: Array<[string, string, unknown, (status: number, body: Record<string, unknown>) => void]> = [
    [
      "openai",
      "/v1/chat/completions",
      chatBody,
      (s, b) =>
        expect(b.error).toMatchObject({
          type: expect.any(String),
          message: expect.any(String),
          code: s === 401 ? "invalid_api_key" : s === 429 ? "rate_limit_exceeded" : null,
        }),
    ],
    [
      "anthropic",
      "/v1/messages",
      { messages: [] },
      (s, b) =>
        expect(b).toMatchObject({
          type: "error",
          error: { type: s === 401 ? "authentication_error" : s === 429 ? "rate_limit_error" : "api_error" },
        }),
    ],
    [
      "gemini",
      "/v1beta/models/g:streamGenerateContent?alt=sse",
      {},
      (s, b) =>
        expect(b.error).toMatchObject({
          code: s,
          status: s === 401 ? "UNAUTHENTICATED" : s === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL",
        }),
    ],
    ["ollama", "/api/chat", {}, (_s, b) => expect(typeof b.error).toBe("string")],
    ["cohere", "/v2/chat", {}, (_s, b) => expect(typeof b.message).toBe("string")],
  ];
  for (const [name, path, body, check] of cases) {
    for (const status of [401, 429, 500]) {
      it(`${name} fault=${status}`, async () => {
        const sep = path.includes("?") ? "&" : "?";
        const reply = await raw(`${mock.url}${path}${sep}fault=${status}`, body);
        expect(reply.status).toBe(status);
        check(status, JSON.parse(reply.text));
      });
    }
  }

  it("sends retry-after with a 429, and accepts credentials unless a fault asks otherwise", async () => {
    const limited = await raw(`${chatUrl()}?fault=429`, chatBody);
    expect(limited.headers["retry-after"]).toBe("20");
    const ok = await raw(`${chatUrl()}?${fast}`, chatBody, { authorization: "Bearer definitely-wrong" });
    expect(ok.status).toBe(200);
  });
});

describe("stream faults", () => {
  it("cut: the body stops inside an event and the connection breaks", async () => {
    const reply = await raw(`${chatUrl()}?${fast}&cut=mid`, chatBody);
    expect(reply.status).toBe(200);
    expect(reply.cut).toBe(true);
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.text.endsWith("\n\n")).toBe(false);
    expect(reply.text).not.toContain("[DONE]");
  });

  it("cut=N cuts after exactly N whole events", async () => {
    const reply = await raw(`${chatUrl()}?${fast}&cut=3`, chatBody);
    expect(reply.text.split("\n\n").length - 1).toBe(3);
  });

  it("error: OpenAI gets an error chunk and no [DONE]", async () => {
    const reply = await raw(`${chatUrl()}?${fast}&error=2`, chatBody);
    const blocks = reply.text.trimEnd().split("\n\n");
    expect(blocks).toHaveLength(3);
    expect(JSON.parse(blocks[2]!.slice(6))).toMatchObject({ error: { type: "server_error" } });
    expect(reply.cut).toBe(false);
  });

  it("error: Anthropic gets event: error overloaded_error, Responses gets response.failed", async () => {
    const anthropic = await raw(`${mock.url}/v1/messages?${fast}&error=mid`, { stream: true, messages: [] });
    expect(anthropic.text).toMatch(
      /event: error\ndata: \{"type":"error","error":\{"type":"overloaded_error".*\n\n$/,
    );
    expect(anthropic.text).not.toContain("message_stop");
    const responses = await raw(`${mock.url}/v1/responses?${fast}&error=mid`, { stream: true, input: "x" });
    expect(responses.text).toMatch(/event: response\.failed\n.*"status":"failed".*\n\n$/);
  });

  it("error: Ollama gets an error line, Gemini an error object inside its JSON array", async () => {
    const ollama = await raw(`${mock.url}/api/chat?${fast}&error=2`, { messages: [] });
    const lines = ollama.text.trimEnd().split("\n");
    expect(JSON.parse(lines.at(-1)!)).toEqual({ error: expect.stringContaining("unexpected EOF") });
    const gemini = await raw(`${mock.url}/v1beta/models/g:streamGenerateContent?${fast}&error=1`, {});
    expect(JSON.parse(gemini.text).at(-1)).toMatchObject({ error: { code: 500, status: "INTERNAL" } });
  });

  it("stall and bunch change the timing and the writes, never the bytes", async () => {
    const plain = await raw(`${chatUrl()}?delay=1&jitter=0`, chatBody);
    const shaped = await raw(`${chatUrl()}?delay=1&jitter=0&stall=30&bunch=12&at=3`, chatBody);
    expect(shaped.text).toBe(plain.text);
    // The 12 held events arrive in one network read after the pause.
    const counts = shaped.chunks.map((c) => c.toString("utf8").split("\n\n").length - 1);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(12);
  });

  it("bunch holds clearly longer than the silence the metrics need to call it a burst", () => {
    // Timers may fire a little early; a hold equal to the threshold would sometimes miss it.
    expect(BUNCH_MIN_HOLD_MS).toBeGreaterThanOrEqual(BURST_SILENCE_MS + 50);
  });

  it("comments: OpenRouter-style keep-alives every n events", async () => {
    const reply = await raw(`${chatUrl()}?${fast}&comments=5`, chatBody);
    expect(reply.text.startsWith(": OPENROUTER PROCESSING\n\n")).toBe(true);
    const events = reply.text.split("\n\n").filter((b) => b.startsWith("data:")).length;
    const comments = reply.text.split("\n\n").filter((b) => b.startsWith(":")).length;
    expect(comments).toBe(Math.ceil(events / 5));
  });

  it("events: a 20 000-event stream with exactly that many answer pieces", async () => {
    const reply = await raw(`${chatUrl()}?${fast}&events=20000`, chatBody);
    const contents = reply.text.split("\n\n").filter((b) => b.includes('"delta":{"content":"')).length;
    expect(contents).toBe(20000 - 4);
    expect(reply.text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("tools=1 and reasoning=1 force the features; reasoning=0 turns a reasoner's off", async () => {
    const forced = await raw(`${chatUrl()}?${fast}&tools=1&reasoning=1`, chatBody);
    expect(forced.text).toContain('"name":"get_weather"');
    expect(forced.text).toContain("reasoning_content");
    const off = await raw(`${chatUrl()}?${fast}&reasoning=0`, { ...chatBody, model: "deepseek-reasoner" });
    expect(off.text).not.toContain("reasoning_content");
  });
});

describe("robustness", () => {
  it("survives clients that leave mid-stream and keeps serving", async () => {
    const leavers = Array.from({ length: 10 }, async () => {
      const controller = new AbortController();
      const res = await fetch(`${chatUrl()}?delay=5`, {
        method: "POST",
        body: JSON.stringify(chatBody),
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      await reader.read().catch(() => undefined);
    });
    await Promise.all(leavers);
    const after = await raw(`${chatUrl()}?${fast}`, chatBody);
    expect(after.text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("serves 60 concurrent streams, each complete and identical", async () => {
    const replies = await Promise.all(
      Array.from({ length: 60 }, () => raw(`${chatUrl()}?delay=1&jitter=2`, chatBody)),
    );
    const texts = new Set(replies.map((r) => r.text));
    expect(texts.size).toBe(1);
    expect([...texts][0]!.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("close() ends at once, even with streams in flight", async () => {
    const own = await startMock();
    const slow = raw(`${own.url}/v1/chat/completions?delay=200&length=50`, chatBody);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.close();
    const reply = await slow;
    expect(reply.cut).toBe(true);
    await expect(raw(`${own.url}/v1/chat/completions`, chatBody)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("ttft: the headers go out at once and the first event waits", async () => {
    const controller = new AbortController();
    const res = await fetch(`${chatUrl()}?delay=0&ttft=60000`, {
      method: "POST",
      body: JSON.stringify(chatBody),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    controller.abort();
  });

  it("wait: no headers until the wait is over (a client timeout fires first)", async () => {
    const attempt = fetch(`${chatUrl()}?wait=60000`, {
      method: "POST",
      body: JSON.stringify(chatBody),
      signal: AbortSignal.timeout(200),
    });
    await expect(attempt).rejects.toThrow(/abort|timeout/i);
  });
});
