/**
 * Vertex AI's streamed function arguments (`partialArgs`), served by the mock when the request
 * sets `toolConfig.functionCallingConfig.streamFunctionCallArguments`. `@google/genai` has no
 * oracle to offer here: it refuses `partialArgs` outside Vertex mode and passes the pieces
 * through unassembled in it. The oracle is the mock's own `:generateContent` reply for the same
 * request (arguments as whole objects); sselens's merge of the stream must rebuild them exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";
import { fetchCapture } from "./capture.js";
import { seeds, shapeFor } from "./shapes.js";
import { mergeCapture } from "./sselens.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

describe("differential: Vertex partialArgs vs the whole :generateContent arguments", () => {
  for (const seed of seeds(8)) {
    it(`seed=${seed}`, async () => {
      const s = shapeFor(seed);
      const tools = [
        {
          name: "get_weather",
          parameters: {
            type: "object",
            properties: { city: { type: "string" }, days: { type: "integer" }, metric: { type: "boolean" } },
          },
        },
        {
          name: "search_docs",
          parameters: {
            type: "object",
            properties: { query: { type: "string" }, "page size": { type: "number" } },
          },
        },
      ];
      const body = {
        contents: [{ role: "user", parts: [{ text: s.question }] }],
        tools: [{ functionDeclarations: tools }],
        toolConfig: { functionCallingConfig: { streamFunctionCallArguments: true } },
        ...(s.reasoning ? { generationConfig: { thinkingConfig: { includeThoughts: true } } } : {}),
      };
      const headers = { "x-mock-delay": "0", "x-mock-seed": String(seed) };
      const url = `${mock.url}/v1beta/models/gemini-3-pro-preview`;
      const capture = await fetchCapture(`${url}:streamGenerateContent?alt=sse`, body, headers);
      const text = Buffer.concat(capture.chunks.map((c) => c.bytes)).toString("utf8");
      expect(text).toContain('"partialArgs"');
      const report = mergeCapture(capture);
      expect(report.complete).toBe(true);
      expect(report.anomalies).toEqual([]);
      const whole = (await (
        await fetch(`${url}:generateContent`, { method: "POST", headers, body: JSON.stringify(body) })
      ).json()) as {
        candidates: { content: { parts: { functionCall?: { name: string; args: unknown } }[] } }[];
      };
      const expected = whole.candidates[0]!.content.parts.flatMap((p) =>
        p.functionCall ? [p.functionCall] : [],
      );
      const got = report.choices[0]!.toolCalls.map((t) => ({ name: t.name, args: JSON.parse(t.arguments) }));
      expect(got).toEqual(expected);
    });
  }
});
