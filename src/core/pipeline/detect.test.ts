/**
 * Shape detection past leading keep-alives: a stream that opens with `event: ping`, `data: {}`
 * or an empty `data:` is still recognised by its first informative event, live and saved,
 * and no event is lost or reordered while detection waits.
 */
import { describe, expect, it } from "vitest";
import { chooseFraming } from "../sse/sniff.js";
import { awaitingShape, detectFormat, isUninformative, SHAPE_LOOKAHEAD } from "./detect.js";
import { createSession } from "./session.js";

const enc = new TextEncoder();
const chunk = (text: string) =>
  `data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"${text}"}}]}\n\n`;

describe("isUninformative", () => {
  it("knows keep-alives from real events", () => {
    expect(isUninformative({ type: "ping", json: { type: "ping" }, data: '{"type":"ping"}' })).toBe(true);
    expect(isUninformative({ type: "message", json: {}, data: "{}" })).toBe(true);
    expect(isUninformative({ type: "message", json: undefined, data: "" })).toBe(true);
    expect(
      isUninformative({ type: "message", json: { type: "keep-alive" }, data: '{"type":"keep-alive"}' }),
    ).toBe(true);
    expect(isUninformative({ type: "message", json: { hello: 1 }, data: '{"hello":1}' })).toBe(false);
    expect(isUninformative({ type: "message_start", json: { type: "message_start" } })).toBe(false);
    expect(isUninformative({ type: "message", json: undefined, data: "plain text" })).toBe(false);
  });
});

describe("detectFormat over several events", () => {
  const ping = { type: "ping", json: { type: "ping" }, data: '{"type":"ping"}' };
  const empty = { type: "message", json: {}, data: "{}" };
  const blank = { type: "message", json: undefined, data: "" };

  it("decides on the first informative event after keep-alives", () => {
    const chat = { type: "message", json: { object: "chat.completion.chunk", choices: [] } };
    expect(detectFormat({ events: [ping, empty, blank, chat] })).toMatchObject({
      format: "openai-chat",
      by: "shape",
    });
    expect(detectFormat({ events: [ping, chat] }).evidence).toContain("after 1 keep-alive event");
    const anthropic = { type: "message_start", json: { type: "message_start", message: {} } };
    expect(detectFormat({ events: [empty, anthropic] })).toMatchObject({ format: "anthropic", by: "shape" });
  });

  it("stops at the first informative event, and after SHAPE_LOOKAHEAD events", () => {
    const unknown = { type: "message", json: { hello: 1 }, data: '{"hello":1}' };
    const chat = { type: "message", json: { object: "chat.completion.chunk" } };
    expect(detectFormat({ events: [unknown, chat] }).by).toBe("default");
    const pings = Array.from({ length: SHAPE_LOOKAHEAD }, () => ping);
    expect(detectFormat({ events: [...pings, chat] }).by).toBe("default");
  });

  it("waits only while nothing but the shape can decide", () => {
    expect(awaitingShape({ events: [ping] })).toBe(true);
    expect(awaitingShape({ events: [ping], url: "/v1/messages" })).toBe(false);
    expect(awaitingShape({ events: [ping], override: "cohere" })).toBe(false);
    expect(awaitingShape({ events: Array.from({ length: SHAPE_LOOKAHEAD }, () => ping) })).toBe(false);
    expect(awaitingShape({ events: [ping, { type: "message", json: { hello: 1 } }] })).toBe(false);
  });
});

describe("a session detects past leading keep-alives", () => {
  it("event: ping, data: {} and an empty data: before an OpenAI stream (no URL, no content type)", () => {
    const seen: number[] = [];
    const s = createSession({}, { onEvent: (e) => seen.push(e.index) });
    s.feed(enc.encode('event: ping\ndata: {"type":"ping"}\n\n'), 1);
    s.feed(enc.encode("data: {}\n\n"), 2);
    s.feed(enc.encode("data:\n\n"), 3);
    // Held back: nothing shows the format yet.
    expect(s.detection).toBeNull();
    expect(seen).toEqual([]);
    s.feed(enc.encode(chunk("Hel") + chunk("lo") + "data: [DONE]\n\n"), 4);
    expect(s.detection).toMatchObject({ format: "openai-chat", by: "shape" });
    s.end({ reason: "complete", at: 5 });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    const report = s.report(200);
    expect(report.format).toBe("openai-chat");
    expect(report.choices[0]?.content).toBe("Hello");
  });

  it("event: ping before an Anthropic stream", () => {
    const s = createSession();
    s.feed(
      enc.encode(
        'event: ping\ndata: {"type": "ping"}\n\n' +
          'event: message_start\ndata: {"type":"message_start","message":{"id":"m","role":"assistant","content":[],"model":"c"}}\n\n' +
          'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
          'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
          'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"}}\n\n' +
          'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      ),
      1,
    );
    s.end({ reason: "complete", at: 2 });
    const report = s.report(200);
    expect(report.format).toBe("anthropic");
    expect(report.choices[0]?.content).toBe("Hi");
    expect(report.choices[0]?.finishReason).toBe("end_turn");
  });

  it("a stream of nothing but pings still ends with the generic view and every event", () => {
    const seen: number[] = [];
    const s = createSession({}, { onEvent: (e) => seen.push(e.index) });
    s.feed(enc.encode('event: ping\ndata: {"type":"ping"}\n\n'.repeat(3)), 1);
    expect(seen).toEqual([]);
    s.end({ reason: "complete", at: 2 });
    expect(seen).toEqual([0, 1, 2]);
    expect(s.report(200).format).toBe("sse");
  });

  it("holds nothing when the URL decides", () => {
    const seen: number[] = [];
    const s = createSession({ url: "/v1/chat/completions" }, { onEvent: (e) => seen.push(e.index) });
    s.feed(enc.encode("data: {}\n\n"), 1);
    expect(seen).toEqual([0]);
    expect(s.detection).toMatchObject({ format: "openai-chat", by: "url" });
  });
});

describe("Cohere v1 chat streams", () => {
  const start = { is_finished: false, event_type: "stream-start", generation_id: "g" };

  it("are detected by the /v1/chat path, and by an event_type shape without a URL", () => {
    expect(detectFormat({ url: "https://api.cohere.com/v1/chat" })).toMatchObject({
      format: "cohere",
      by: "url",
    });
    // OpenAI's /v1/chat/completions is not taken for Cohere.
    expect(detectFormat({ url: "https://api.openai.com/v1/chat/completions" }).format).toBe("openai-chat");
    expect(detectFormat({ events: [{ type: "message", json: start }] })).toMatchObject({
      format: "cohere",
      by: "shape",
    });
    const text = { type: "message", json: { event_type: "text-generation", text: "Hi" } };
    expect(detectFormat({ events: [text] }).format).toBe("cohere");
    const other = { type: "message", json: { event_type: "something-else" } };
    expect(detectFormat({ events: [other] }).by).toBe("default");
  });

  it("frame as NDJSON under application/stream+json, which declares JSON lines, not one document", () => {
    const lines = enc.encode(`${JSON.stringify(start)}\n{"event_type":"text-`);
    expect(chooseFraming("application/stream+json", lines, false)).toEqual({
      framing: "ndjson",
      anomalies: [],
      notes: [],
    });
    // Declared as a stream type (not a generic `+json`), an SSE body under it is a mismatch.
    const sse = chooseFraming("application/stream+json", enc.encode("data: {}\n\n"), true);
    expect(sse?.framing).toBe("sse");
    expect(sse?.anomalies.map((a) => a.code)).toEqual(["content-type-mismatch"]);
  });
});
