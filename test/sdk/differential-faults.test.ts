/**
 * Differential tests for broken streams and whole replies: when the mock sends
 * a provider error event or cuts the connection, the official SDK fails (or,
 * for the Responses API, ends `failed`) and sselens must report the same
 * stream as incomplete, with the error, keeping what arrived before it. And a
 * `stream:false` reply must merge to what the SDK returns.
 */
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import { CohereClientV2 } from "cohere-ai";
import { Ollama } from "ollama";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";
import { fetchCapture } from "./capture.js";
import { mergeCapture } from "./sselens.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const fast = { "x-mock-delay": "0" };
const user = [{ role: "user" as const, content: "What breaks streams?" }];

/** Each format: its path, a streaming body, and how its SDK consumes the stream to the end. */
const FORMATS: Array<{
  name: string;
  path: string;
  body: Record<string, unknown>;
  consume: (headers: Record<string, string>) => Promise<unknown>;
}> = [
  {
    name: "openai-chat",
    path: "/v1/chat/completions",
    body: { model: "deepseek-reasoner", messages: user, stream: true },
    consume: (h) =>
      new OpenAI({
        baseURL: `${mock.url}/v1`,
        apiKey: "k",
        maxRetries: 0,
        defaultHeaders: h,
      }).chat.completions
        .stream({ model: "deepseek-reasoner", messages: user, stream: true })
        .finalChatCompletion(),
  },
  {
    name: "anthropic",
    path: "/v1/messages",
    body: { model: "claude-mock-1", max_tokens: 99, messages: user, stream: true },
    consume: (h) =>
      new Anthropic({ baseURL: mock.url, apiKey: "k", maxRetries: 0, defaultHeaders: h }).messages
        .stream({ model: "claude-mock-1", max_tokens: 99, messages: user })
        .finalMessage(),
  },
  {
    name: "gemini",
    path: "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    body: { contents: [{ role: "user", parts: [{ text: user[0]!.content }] }] },
    consume: async (h) => {
      const ai = new GoogleGenAI({
        apiKey: "k",
        httpOptions: { baseUrl: mock.url, headers: h, retryOptions: { attempts: 1 } },
      });
      const stream = await ai.models.generateContentStream({
        model: "gemini-2.5-flash",
        contents: user[0]!.content,
      });
      for await (const _ of stream) void _;
    },
  },
  {
    name: "ollama",
    path: "/api/chat",
    body: { model: "llama3.2", messages: user },
    consume: async (h) => {
      for await (const _ of await new Ollama({ host: mock.url, headers: h }).chat({
        model: "llama3.2",
        messages: user,
        stream: true,
      }))
        void _;
    },
  },
  {
    name: "cohere",
    path: "/v2/chat",
    body: { model: "command-a", messages: user, stream: true },
    consume: async (h) => {
      const cohere = new CohereClientV2({ token: "k", environment: mock.url });
      const stream = await cohere.chatStream(
        { model: "command-a", messages: user },
        { headers: h, maxRetries: 0 },
      );
      for await (const event of stream) {
        // Cohere reports a failed generation in-band (`message-end` with finish_reason ERROR),
        // and the SDK hands it over as an ordinary event: raise it the way the other SDKs do.
        if (event.type === "message-end" && event.delta?.finishReason === "ERROR")
          throw new Error(event.delta.error);
      }
    },
  },
];

describe("differential: a provider error event mid-stream", () => {
  for (const f of FORMATS) {
    it(`${f.name}: the SDK fails, sselens reports the error and keeps what came before`, async () => {
      const headers = { ...fast, "x-mock-error": "mid" };
      await expect(f.consume(headers)).rejects.toThrow();
      const report = mergeCapture(await fetchCapture(mock.url + f.path, f.body, headers));
      // Cohere's error arrives inside its end event (`message-end`, finish_reason ERROR), so the
      // end signal did arrive; like the Responses API's `response.failed`, the error is what tells.
      if (f.name === "cohere") expect(report.choices[0]?.finishReason).toBe("ERROR");
      else expect(report.complete).toBe(false);
      expect(report.errors.length).toBeGreaterThan(0);
      const kept = report.choices[0];
      expect(
        (kept?.content ?? "") + (kept?.reasoning ?? ""),
        "what arrived before the error is kept",
      ).not.toBe("");
    });
  }

  it("openai-chat on OpenRouter: the error chunk with finish_reason error fails the SDK; sselens reports it", async () => {
    const headers = { ...fast, "x-mock-error": "mid", "x-mock-host": "openrouter" };
    const body = { model: "deepseek-r1", messages: user, stream: true as const };
    const client = new OpenAI({
      baseURL: `${mock.url}/v1`,
      apiKey: "k",
      maxRetries: 0,
      defaultHeaders: headers,
    });
    await expect(client.chat.completions.stream(body).finalChatCompletion()).rejects.toThrow(
      /Upstream provider error/,
    );
    const report = mergeCapture(await fetchCapture(`${mock.url}/v1/chat/completions`, body, headers));
    // The chunk ends the choice (finish_reason "error"); the error is what tells.
    expect(report.choices[0]?.finishReason).toBe("error");
    expect(report.errors.map((e) => e.message).join(" ")).toContain("Upstream provider error");
    expect(report.choices[0]?.reasoning ?? "").not.toBe("");
  });

  it("openai-responses: the SDK ends `failed`, sselens reports failed and the error", async () => {
    const headers = { ...fast, "x-mock-error": "mid" };
    const client = new OpenAI({
      baseURL: `${mock.url}/v1`,
      apiKey: "k",
      maxRetries: 0,
      defaultHeaders: headers,
    });
    const final = await client.responses.stream({ model: "gpt-4.1", input: "hi" }).finalResponse();
    expect(final.status).toBe("failed");
    const report = mergeCapture(
      await fetchCapture(
        `${mock.url}/v1/responses`,
        { model: "gpt-4.1", input: "hi", stream: true },
        headers,
      ),
    );
    expect(report.choices[0]?.finishReason).toBe("failed");
    expect(report.errors.map((e) => e.code)).toContain(final.error?.code);
  });
});

describe("differential: the connection cut mid-event", () => {
  for (const f of FORMATS) {
    it(`${f.name}: the SDK fails, sselens says cut and incomplete`, async () => {
      const headers = { ...fast, "x-mock-cut": "mid" };
      await expect(f.consume(headers)).rejects.toThrow();
      const report = mergeCapture(await fetchCapture(mock.url + f.path, f.body, headers));
      expect(report.complete).toBe(false);
      expect(report.end).toBe("cut");
    });
  }
});

describe("differential: stream:false replies", () => {
  it("openai-chat: sselens's report of the JSON reply equals the SDK's completion", async () => {
    const tools = [
      {
        type: "function" as const,
        function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } },
      },
    ];
    const body = { model: "deepseek-reasoner", messages: user, n: 2, tools };
    const client = new OpenAI({
      baseURL: `${mock.url}/v1`,
      apiKey: "k",
      maxRetries: 0,
      defaultHeaders: fast,
    });
    const sdk = await client.chat.completions.create(body);
    const report = mergeCapture(await fetchCapture(`${mock.url}/v1/chat/completions`, body, fast));
    expect(report.choices.map((c) => c.toolCalls.map((t) => [t.id, t.name, t.arguments]))).toEqual(
      sdk.choices.map((c) =>
        (c.message.tool_calls ?? []).map((t) =>
          t.type === "function" ? [t.id, t.function.name, t.function.arguments] : [],
        ),
      ),
    );
    expect(report.choices.map((c) => c.reasoning)).toEqual(
      sdk.choices.map((c) => (c.message as { reasoning_content?: string }).reasoning_content),
    );
    expect(report.choices.map((c) => c.finishReason)).toEqual(sdk.choices.map((c) => c.finish_reason));
    expect(report.usage?.output).toBe(sdk.usage?.completion_tokens);
  });

  it("anthropic: sselens's report of the JSON reply equals the SDK's message", async () => {
    const body = {
      model: "claude-mock-1",
      max_tokens: 99,
      messages: user,
      thinking: { type: "enabled" as const, budget_tokens: 1024 },
    };
    const sdk = await new Anthropic({
      baseURL: mock.url,
      apiKey: "k",
      maxRetries: 0,
      defaultHeaders: fast,
    }).messages.create(body);
    const report = mergeCapture(await fetchCapture(`${mock.url}/v1/messages`, body, fast));
    const text = sdk.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    const thinking = sdk.content.map((b) => (b.type === "thinking" ? b.thinking : "")).join("");
    expect(report.choices[0]).toMatchObject({
      content: text,
      reasoning: thinking,
      finishReason: sdk.stop_reason,
    });
    expect(report.usage?.output).toBe(sdk.usage.output_tokens);
  });
});
