/**
 * The official `cohere-ai` v1 client (`CohereClient.chatStream`, `POST /v1/chat`) as a real
 * client of the mock, and sselens on the same bytes: the SDK's own events, folded by hand,
 * must agree with sselens's merge of a capture of the same (deterministic) request.
 */
import { CohereClient } from "cohere-ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeCapture } from "../../src/core/pipeline/analyze.js";
import { type MockServer, startMock } from "../../src/mock/index.js";
import { fetchCapture } from "./capture.js";

let mock: MockServer;
let cohere: CohereClient;

beforeAll(async () => {
  mock = await startMock();
  cohere = new CohereClient({ token: "mock-token", environment: mock.url });
});
afterAll(() => mock.close());

const headers = { "x-mock-delay": "0", "x-mock-jitter": "0" };

/** What the SDK's typed events say, folded the way its docs show. */
async function sdkFold(request: Parameters<CohereClient["chatStream"]>[0]) {
  let text = "";
  let plan = "";
  const types: string[] = [];
  const calls = new Map<number, { name: string; parameters: string }>();
  let finish: string | undefined;
  let usage: unknown;
  for await (const event of await cohere.chatStream(request, { headers, maxRetries: 0 })) {
    types.push(event.eventType);
    if (event.eventType === "text-generation") text += event.text;
    if (event.eventType === "tool-calls-chunk") {
      if (event.text !== undefined) plan += event.text;
      const d = event.toolCallDelta;
      if (d?.index !== undefined) {
        const call = calls.get(d.index) ?? { name: "", parameters: "" };
        call.name += d.name ?? "";
        call.parameters += d.parameters ?? "";
        calls.set(d.index, call);
      }
    }
    if (event.eventType === "stream-end") {
      finish = event.finishReason;
      usage = event.response.meta?.billedUnits;
    }
  }
  return { text, plan, types, calls: [...calls.values()], finish, usage };
}

describe("cohere v1 SDK against the mock, and sselens on the same bytes", () => {
  it("streams text that sselens merges the same, with the finish reason and usage", async () => {
    const request = { model: "command-r-plus", message: "How do server-sent events work?" };
    const sdk = await sdkFold(request);
    expect(sdk.types[0]).toBe("stream-start");
    expect(sdk.types.at(-1)).toBe("stream-end");
    expect(sdk.text).toMatch(/^Here is a short answer about how do server-sent events work\./);
    const report = analyzeCapture(
      await fetchCapture(`${mock.url}/v1/chat`, { ...request, stream: true }, headers),
    );
    expect(report.format).toBe("cohere");
    expect(report.complete).toBe(true);
    expect(report.choices[0]?.content).toBe(sdk.text);
    expect(report.choices[0]?.finishReason).toBe(sdk.finish);
    expect(report.usage?.output).toBe((sdk.usage as { outputTokens: number }).outputTokens);
  });

  it("streams a tool plan and tool calls that sselens assembles the same", async () => {
    const request = {
      model: "command-r-plus",
      message: "What is the weather in Paris?",
      tools: [
        {
          name: "get_weather",
          description: "Current weather for a city",
          parameterDefinitions: { city: { type: "str", required: true } },
        },
      ],
    };
    const sdk = await sdkFold(request);
    expect(sdk.plan).toBe("I will use get_weather to find the answer.");
    expect(sdk.calls).toHaveLength(1);
    const wire = {
      ...request,
      stream: true,
      tools: [{ ...request.tools[0], parameter_definitions: request.tools[0]!.parameterDefinitions }],
    };
    const report = analyzeCapture(await fetchCapture(`${mock.url}/v1/chat`, wire, headers));
    const choice = report.choices[0]!;
    expect(choice.reasoning).toBe(sdk.plan);
    expect(choice.toolCalls.map((t) => ({ name: t.name, parameters: t.arguments }))).toEqual(sdk.calls);
    expect(JSON.parse(choice.toolCalls[0]!.arguments)).toBeTypeOf("object");
    expect(choice.finishReason).toBe("COMPLETE");
  });
});
