import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "./index.js";
import { raw } from "./test-client.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const user = [{ role: "user", content: "a long answer please" }];

/** Each format's output-token limit, and the finish reason it reports when the limit cuts. */
const CASES: Array<[string, string, Record<string, unknown>, RegExp]> = [
  [
    "openai-chat",
    "/v1/chat/completions",
    { stream: true, messages: user, max_tokens: 5 },
    /"finish_reason":"length"/,
  ],
  [
    "openai-responses",
    "/v1/responses",
    { stream: true, input: "x", max_output_tokens: 5 },
    /event: response\.incomplete\n.*"reason":"max_output_tokens"/,
  ],
  [
    "anthropic",
    "/v1/messages",
    { stream: true, messages: user, max_tokens: 5 },
    /"stop_reason":"max_tokens"/,
  ],
  [
    "gemini",
    "/v1beta/models/g:streamGenerateContent?alt=sse",
    { contents: [{ parts: [{ text: "x" }] }], generationConfig: { maxOutputTokens: 5 } },
    /"finishReason":"MAX_TOKENS"/,
  ],
  ["ollama", "/api/chat", { messages: user, options: { num_predict: 5 } }, /"done_reason":"length"/],
  ["cohere", "/v2/chat", { stream: true, messages: user, max_tokens: 5 }, /"finish_reason":"MAX_TOKENS"/],
];

describe("output-token limits cut the reply where the request says", () => {
  for (const [name, path, body, finish] of CASES) {
    it(`${name}: stops after the limit with its own finish reason`, async () => {
      const sep = path.includes("?") ? "&" : "?";
      const reply = await raw(`${mock.url}${path}${sep}delay=0`, body);
      expect(reply.text).toMatch(finish);
      const free = await raw(`${mock.url}${path}${sep}delay=0`, {
        ...body,
        max_tokens: undefined,
        max_output_tokens: undefined,
        options: undefined,
        generationConfig: undefined,
      });
      expect(free.text).not.toMatch(finish);
      expect(reply.text.length).toBeLessThan(free.text.length);
    });
  }

  it("keeps the same beginning: a limited answer is a prefix of the full one", async () => {
    const text = async (limit?: number) => {
      const reply = await raw(`${mock.url}/v1/chat/completions?delay=0`, {
        messages: user,
        max_tokens: limit,
      });
      return (JSON.parse(reply.text) as { choices: { message: { content: string } }[] }).choices[0]!.message
        .content;
    };
    const full = await text();
    const cut = await text(7);
    expect(full.startsWith(cut)).toBe(true);
    expect(cut.length).toBeLessThan(full.length);
  });

  it("lets the events knob win over the request's limit", async () => {
    const reply = await raw(`${mock.url}/v1/messages?delay=0&events=300`, {
      stream: true,
      messages: user,
      max_tokens: 50,
    });
    expect(reply.text).toContain('"stop_reason":"end_turn"');
    expect(reply.text.split("text_delta").length - 1).toBe(296);
  });
});
