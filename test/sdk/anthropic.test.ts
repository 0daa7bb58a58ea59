/** The official `@anthropic-ai/sdk` message stream as a real client of the mock's `/v1/messages`. */
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";

let mock: MockServer;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMock();
  client = new Anthropic({
    baseURL: mock.url,
    apiKey: "sk-ant-mock",
    maxRetries: 0,
    defaultHeaders: { "x-mock-delay": "0", "x-mock-jitter": "0" },
  });
});
afterAll(() => mock.close());

const base = {
  model: "claude-mock-1",
  max_tokens: 1024,
  messages: [{ role: "user" as const, content: "Why stream?" }],
};

describe("anthropic SDK against the mock", () => {
  it("accumulates a text message equal to the non-streamed one", async () => {
    const final = await client.messages.stream(base).finalMessage();
    expect(final.stop_reason).toBe("end_turn");
    const text = final.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    expect(text).toMatch(/^Here is a short answer about why stream\./);
    const whole = await client.messages.create(base);
    expect(whole.content).toEqual(final.content);
    expect(whole.usage.output_tokens).toBe(final.usage.output_tokens);
  });

  it("streams thinking with a signature when thinking is enabled", async () => {
    const final = await client.messages
      .stream({ ...base, thinking: { type: "enabled", budget_tokens: 1024 } })
      .finalMessage();
    const thinking = final.content[0];
    if (thinking?.type !== "thinking") throw new Error(`expected a thinking block, got ${thinking?.type}`);
    expect(thinking.thinking).toMatch(/^Okay, the question is about why stream\./);
    expect(thinking.signature.length).toBeGreaterThan(40);
  });

  it("assembles tool_use input from input_json_delta fragments", async () => {
    const tools = [
      {
        name: "get_weather",
        input_schema: { type: "object" as const, properties: { city: { type: "string" } } },
      },
    ];
    const final = await client.messages.stream({ ...base, tools }).finalMessage();
    expect(final.stop_reason).toBe("tool_use");
    const use = final.content.find((b) => b.type === "tool_use");
    if (use?.type !== "tool_use") throw new Error("no tool_use block");
    expect(use.id).toMatch(/^toolu_01/);
    expect(Object.keys(use.input as object)).toEqual(["city"]);
  });

  it("keeps cumulative usage from message_delta (not added twice)", async () => {
    const final = await client.messages.stream(base).finalMessage();
    const whole = await client.messages.create(base);
    expect(final.usage.output_tokens).toBe(whole.usage.output_tokens);
    expect(final.usage.input_tokens).toBe(whole.usage.input_tokens);
  });

  it("throws on the overloaded_error event (error knob)", async () => {
    const stream = client.messages.stream(base, { headers: { "x-mock-error": "mid" } });
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });

  it("raises AuthenticationError and RateLimitError for fault=401/429", async () => {
    const call = (fault: string) =>
      client.messages.create(base, { headers: { "x-mock-fault": fault } }).then(
        () => null,
        (e: unknown) => e,
      );
    expect(await call("401")).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(await call("429")).toBeInstanceOf(Anthropic.RateLimitError);
  });
});
