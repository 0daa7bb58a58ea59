/**
 * The official `openai` SDK as a real client of the mock's Chat Completions
 * route: its own stream accumulator must see a well-formed stream.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";

let mock: MockServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMock();
  client = new OpenAI({
    baseURL: `${mock.url}/v1`,
    apiKey: "sk-mock",
    maxRetries: 0,
    defaultHeaders: { "x-mock-delay": "0", "x-mock-jitter": "0" },
  });
});
afterAll(() => mock.close());

const messages = [{ role: "user" as const, content: "How do server-sent events work?" }];

describe("openai SDK against the mock chat route", () => {
  it("streams a plain answer that the SDK accumulates into a completion", async () => {
    const stream = client.chat.completions.stream({ model: "gpt-4o-mini", messages, stream: true });
    const done = await stream.finalChatCompletion();
    const choice = done.choices[0]!;
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.content).toMatch(/^Here is a short answer about how do server-sent events work\./);
    expect(choice.message.tool_calls ?? []).toEqual([]);
  });

  it("returns the same text for stream:false as for the stream", async () => {
    const streamed = await client.chat.completions
      .stream({ model: "gpt-4o-mini", messages, stream: true })
      .finalChatCompletion();
    const whole = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(whole.choices[0]!.message.content).toBe(streamed.choices[0]!.message.content);
    expect(whole.object).toBe("chat.completion");
  });

  it("assembles tool calls declared in the request", async () => {
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "lookup",
          parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
        },
      },
    ];
    const done = await client.chat.completions
      .stream({ model: "gpt-4o-mini", messages, tools, stream: true })
      .finalChatCompletion();
    const choice = done.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    const call = choice.message.tool_calls![0]!;
    expect(call.type === "function" && call.function.name).toBe("lookup");
    if (call.type !== "function") throw new Error("expected a function call");
    expect(call.id).toMatch(/^call_/);
    expect(Object.keys(JSON.parse(call.function.arguments)).sort()).toEqual(["city", "days"]);
  });

  it("keeps n>1 choices apart and reports usage when asked", async () => {
    const done = await client.chat.completions
      .stream({ model: "gpt-4o-mini", messages, n: 3, stream: true, stream_options: { include_usage: true } })
      .finalChatCompletion();
    expect(done.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(done.choices.map((c) => c.message.content)).size).toBe(3);
    expect(done.usage?.completion_tokens).toBeGreaterThan(0);
    expect(done.usage?.total_tokens).toBe(done.usage!.prompt_tokens + done.usage!.completion_tokens);
  });

  it("accumulates the same completion whatever the pacing: stall, bunching and keep-alive comments", async () => {
    const body = { model: "deepseek-reasoner", messages, stream: true as const };
    const plain = await client.chat.completions.stream(body).finalChatCompletion();
    const shaped = await client.chat.completions
      .stream(body, {
        headers: {
          "x-mock-delay": "1",
          "x-mock-stall": "30",
          "x-mock-bunch": "10",
          "x-mock-at": "4",
          "x-mock-comments": "2",
        },
      })
      .finalChatCompletion();
    expect(shaped).toEqual(plain);
  });

  it("surfaces fault=401 as the SDK's AuthenticationError with OpenAI's error body", async () => {
    const err = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages, stream: true }, { headers: { "x-mock-fault": "401" } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
  });

  it("surfaces fault=429 as RateLimitError and fault=500 as InternalServerError", async () => {
    const call = (fault: string) =>
      client.chat.completions
        .create({ model: "gpt-4o-mini", messages }, { headers: { "x-mock-fault": fault } })
        .then(
          () => null,
          (e: unknown) => e,
        );
    expect(await call("429")).toBeInstanceOf(OpenAI.RateLimitError);
    expect(await call("500")).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("raises the mid-stream error chunk (error knob) as an APIError", async () => {
    const stream = client.chat.completions.stream(
      { model: "gpt-4o-mini", messages, stream: true },
      { headers: { "x-mock-error": "mid" } },
    );
    await expect(stream.finalChatCompletion()).rejects.toThrow(/server had an error/);
  });

  it("fails, rather than completing, when the connection is cut mid-event", async () => {
    const stream = client.chat.completions.stream(
      { model: "gpt-4o-mini", messages, stream: true },
      { headers: { "x-mock-cut": "mid" } },
    );
    await expect(stream.finalChatCompletion()).rejects.toThrow();
  });

  it("lists models at GET /v1/models", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain("deepseek-reasoner");
  });
});
