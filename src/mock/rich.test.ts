import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../core/pipeline/session.js";
import { type MockServer, startMock } from "./index.js";
import { raw } from "./test-client.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const eventNames = (text: string) => [...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
const blockTypes = (text: string) =>
  [...text.matchAll(/"content_block":\{"type":"([a-z_]+)"/g)].map((m) => m[1]);

describe("rich knob", () => {
  it("Anthropic: thinking, redacted thinking, a web search with its result, then a cited answer", async () => {
    const body = {
      stream: true,
      thinking: { type: "enabled" },
      messages: [{ role: "user", content: "find docs" }],
    };
    const reply = await raw(`${mock.url}/v1/messages?delay=0&rich=1`, body);
    expect(blockTypes(reply.text)).toEqual([
      "thinking",
      "redacted_thinking",
      "server_tool_use",
      "web_search_tool_result",
      "text",
    ]);
    expect(reply.text).toContain('"type":"citations_delta"');
    expect(reply.text).toContain('"server_tool_use":{"web_search_requests":1}');
    expect(reply.text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
  });

  it("Responses: a web_search_call item with its progress events, and an annotated answer", async () => {
    const reply = await raw(`${mock.url}/v1/responses?delay=0&rich=1`, { stream: true, input: "find docs" });
    const names = eventNames(reply.text);
    expect(names).toContain("response.web_search_call.searching");
    expect(names.indexOf("response.web_search_call.completed")).toBeLessThan(
      names.indexOf("response.output_text.delta"),
    );
    expect(names).toContain("response.output_text.annotation.added");
    expect(names.at(-1)).toBe("response.completed");
  });

  it("is off by default", async () => {
    const reply = await raw(`${mock.url}/v1/messages?delay=0`, { stream: true, messages: [] });
    expect(blockTypes(reply.text)).toEqual(["text"]);
  });

  it("refusal: OpenAI chat streams delta.refusal, Responses a refusal part", async () => {
    const chat = await raw(`${mock.url}/v1/chat/completions?delay=0&refusal=1`, {
      stream: true,
      messages: [],
    });
    expect(chat.text).toContain('"delta":{"refusal":"I\'m"}');
    expect(chat.text).not.toContain('"delta":{"content"');
    const responses = await raw(`${mock.url}/v1/responses?delay=0&refusal=1`, { stream: true, input: "x" });
    expect(eventNames(responses.text)).toContain("response.refusal.delta");
    expect(responses.text).toContain(`"refusal":"I'm sorry, but I can't help with that request."`);
  });

  it("refusal: Anthropic ends with stop_reason refusal and stop_details, as its classifiers do", async () => {
    const body = { stream: true, messages: [{ role: "user", content: "x" }] };
    const reply = await raw(`${mock.url}/v1/messages?delay=0&refusal=1`, body);
    expect(reply.text).not.toContain("I'm sorry");
    expect(reply.text).toContain('"stop_reason":"refusal"');
    const session = createSession({ url: `${mock.url}/v1/messages`, contentType: "text/event-stream" });
    session.feed(new TextEncoder().encode(reply.text), null);
    session.end({ reason: "complete", at: null });
    const report = session.report(reply.status);
    expect(report.complete).toBe(true);
    expect(report.choices[0]).toMatchObject({
      finishReason: "refusal",
      finishDetail: "cyber",
      refusal: "This request was declined because it could enable cyber harm.",
      content: "",
    });
    const json = await raw(`${mock.url}/v1/messages?refusal=1`, { ...body, stream: false });
    expect(JSON.parse(json.text)).toMatchObject({
      stop_reason: "refusal",
      stop_details: { type: "refusal" },
    });
  });
});
