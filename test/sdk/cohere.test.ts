/**
 * The official `cohere-ai` v2 client as a real client of the mock's `/v2/chat`.
 * The SDK has no stream accumulator, so these tests fold its typed events by hand.
 */
import { CohereClientV2, CohereError } from "cohere-ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";

let mock: MockServer;
let cohere: CohereClientV2;

beforeAll(async () => {
  mock = await startMock();
  cohere = new CohereClientV2({ token: "mock-token", environment: mock.url });
});
afterAll(() => mock.close());

const headers = { "x-mock-delay": "0", "x-mock-jitter": "0" };
const request = {
  model: "command-a-03-2025",
  messages: [{ role: "user" as const, content: "Explain citations" }],
};

describe("cohere SDK against the mock", () => {
  it("streams typed events whose text matches the non-streamed chat", async () => {
    const types: string[] = [];
    let text = "";
    let finish: string | undefined;
    for await (const event of await cohere.chatStream(request, { headers, maxRetries: 0 })) {
      types.push(event.type ?? "");
      if (event.type === "content-delta") text += event.delta?.message?.content?.text ?? "";
      if (event.type === "message-end") finish = event.delta?.finishReason;
    }
    expect(types[0]).toBe("message-start");
    expect(types.at(-1)).toBe("message-end");
    expect(finish).toBe("COMPLETE");
    const whole = await cohere.chat(request, { headers, maxRetries: 0 });
    const first = whole.message.content?.[0];
    expect(first?.type === "text" && first.text).toBe(text);
  });

  it("streams a tool plan and tool calls with ids and arguments", async () => {
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "search",
          parameters: { type: "object", properties: { query: { type: "string" } } },
        },
      },
    ];
    let plan = "";
    let args = "";
    let name: string | undefined;
    for await (const event of await cohere.chatStream({ ...request, tools }, { headers, maxRetries: 0 })) {
      if (event.type === "tool-plan-delta") plan += event.delta?.message?.toolPlan ?? "";
      if (event.type === "tool-call-start") name = event.delta?.message?.toolCalls?.function?.name;
      if (event.type === "tool-call-delta")
        args += event.delta?.message?.toolCalls?.function?.arguments ?? "";
    }
    expect(plan).toBe("I will use search to find the answer.");
    expect(name).toBe("search");
    expect(Object.keys(JSON.parse(args))).toEqual(["query"]);
  });

  it("raises the SDK's error for fault=401 with Cohere's message body", async () => {
    const err = await cohere.chat(request, { headers: { "x-mock-fault": "401" }, maxRetries: 0 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CohereError);
    expect((err as CohereError).statusCode).toBe(401);
    expect(JSON.stringify((err as CohereError).body)).toContain("invalid api token");
  });
});
