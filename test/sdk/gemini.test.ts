/** The official `@google/genai` SDK as a real client of the mock's Gemini routes. */
import { ApiError, type GenerateContentResponse, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";

let mock: MockServer;
let ai: GoogleGenAI;

beforeAll(async () => {
  mock = await startMock();
  ai = new GoogleGenAI({
    apiKey: "mock-key",
    httpOptions: {
      baseUrl: mock.url,
      headers: { "x-mock-delay": "0", "x-mock-jitter": "0" },
      retryOptions: { attempts: 1 },
    },
  });
});
afterAll(() => mock.close());

async function collect(stream: AsyncGenerator<GenerateContentResponse>) {
  let text = "";
  let thoughts = "";
  let finish: string | undefined;
  let last: GenerateContentResponse | undefined;
  for await (const chunk of stream) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.thought) thoughts += part.text ?? "";
      else text += part.text ?? "";
    }
    finish = chunk.candidates?.[0]?.finishReason ?? finish;
    last = chunk;
  }
  return { text, thoughts, finish, last };
}

const contents = "How do thought summaries work?";

describe("genai SDK against the mock", () => {
  it("streams text that matches :generateContent, with usage on the last chunk", async () => {
    const streamed = await collect(
      await ai.models.generateContentStream({ model: "gemini-2.5-flash", contents }),
    );
    expect(streamed.text).toMatch(/^Here is a short answer about how do thought summaries work\./);
    expect(streamed.finish).toBe("STOP");
    const whole = await ai.models.generateContent({ model: "gemini-2.5-flash", contents });
    expect(whole.text).toBe(streamed.text);
    expect(streamed.last?.usageMetadata?.totalTokenCount).toBe(whole.usageMetadata?.totalTokenCount);
  });

  it("streams thought parts when includeThoughts is set, counted in thoughtsTokenCount", async () => {
    const streamed = await collect(
      await ai.models.generateContentStream({
        model: "gemini-2.5-pro",
        contents,
        config: { thinkingConfig: { includeThoughts: true } },
      }),
    );
    expect(streamed.thoughts).toMatch(/^Okay, the question is about/);
    expect(streamed.last?.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it("delivers function calls whole", async () => {
    const stream = await ai.models.generateContentStream({
      model: "gemini-2.5-flash",
      contents,
      config: {
        tools: [
          {
            functionDeclarations: [
              {
                name: "lookup",
                parametersJsonSchema: { type: "object", properties: { q: { type: "string" } } },
              },
            ],
          },
        ],
      },
    });
    const calls = [];
    for await (const chunk of stream) calls.push(...(chunk.functionCalls ?? []));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.name).toBe("lookup");
    expect(Object.keys(calls[0]?.args ?? {})).toEqual(["q"]);
  });

  it("raises ApiError for fault=429 and for the error object sent mid-stream", async () => {
    const limited = await ai.models
      .generateContentStream({
        model: "g",
        contents,
        config: { httpOptions: { headers: { "x-mock-fault": "429" } } },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(limited).toBeInstanceOf(ApiError);
    expect((limited as ApiError).status).toBe(429);
    const broken = await ai.models.generateContentStream({
      model: "g",
      contents,
      config: { httpOptions: { headers: { "x-mock-delay": "0", "x-mock-error": "2" } } },
    });
    await expect(collect(broken)).rejects.toThrow(/internal error/i);
  });
});
