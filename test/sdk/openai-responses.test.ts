/** The official `openai` SDK's Responses stream as a real client of the mock's `/v1/responses`. */
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

describe("openai SDK Responses stream against the mock", () => {
  it("accumulates text, and its final response matches stream:false", async () => {
    const final = await client.responses
      .stream({ model: "gpt-4.1-mini", input: "What is NDJSON?" })
      .finalResponse();
    expect(final.status).toBe("completed");
    expect(final.output_text).toMatch(/^Here is a short answer about what is ndjson\./);
    const whole = await client.responses.create({ model: "gpt-4.1-mini", input: "What is NDJSON?" });
    expect(whole.output_text).toBe(final.output_text);
    expect(final.usage?.total_tokens).toBe(final.usage!.input_tokens + final.usage!.output_tokens);
  });

  it("streams a reasoning summary when the request asks for reasoning", async () => {
    const events: string[] = [];
    const stream = client.responses.stream({ model: "o4-mini", input: "hi", reasoning: { summary: "auto" } });
    let summary = "";
    stream.on("response.reasoning_summary_text.delta", (e) => {
      summary += e.delta;
    });
    stream.on("event", (e) => events.push(e.type));
    const final = await stream.finalResponse();
    const item = final.output.find((o) => o.type === "reasoning");
    expect(item?.type === "reasoning" && item.summary[0]?.text).toBe(summary);
    expect(events[0]).toBe("response.created");
    expect(events.at(-1)).toBe("response.completed");
  });

  it("streams function calls with call ids and complete arguments", async () => {
    const final = await client.responses
      .stream({
        model: "gpt-4.1",
        input: "weather in Paris?",
        tools: [
          {
            type: "function",
            name: "get_weather",
            parameters: { type: "object", properties: { city: { type: "string" } } },
            strict: false,
          },
        ],
      })
      .finalResponse();
    const call = final.output.find((o) => o.type === "function_call");
    if (call?.type !== "function_call") throw new Error("no function_call item");
    expect(call.call_id).toMatch(/^call_/);
    expect(call.name).toBe("get_weather");
    expect(Object.keys(JSON.parse(call.arguments))).toEqual(["city"]);
  });

  it("reports response.failed (error knob) as a failed final response", async () => {
    const stream = client.responses.stream(
      { model: "gpt-4.1-mini", input: "hi" },
      { headers: { "x-mock-error": "mid" } },
    );
    const final = await stream.finalResponse();
    expect(final.status).toBe("failed");
    expect(final.error?.code).toBe("server_error");
  });

  it("raises the SDK's typed errors for fault=401 and fault=429", async () => {
    const call = (fault: string) =>
      client.responses.create({ model: "m", input: "hi" }, { headers: { "x-mock-fault": fault } }).then(
        () => null,
        (e: unknown) => e,
      );
    expect(await call("401")).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(await call("429")).toBeInstanceOf(OpenAI.RateLimitError);
  });
});
