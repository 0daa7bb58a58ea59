import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "./index.js";
import { raw } from "./test-client.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const body = { model: "m", stream: true, messages: [{ role: "user", content: "dialects" }] };

interface Delta {
  content?: string | { type: string }[];
  reasoning?: string;
  reasoning_details?: unknown[];
}
interface Chunk {
  choices: {
    delta: Delta;
    logprobs?: { content: unknown[] };
    content_filter_results?: Record<string, unknown>;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  x_groq?: { usage: unknown };
  prompt_filter_results?: unknown;
}

/** The JSON chunks of a chat stream in one host's dialect. */
async function chunks(host: string, extra: Record<string, unknown> = {}): Promise<Chunk[]> {
  const reply = await raw(`${mock.url}/v1/chat/completions?delay=0&reasoning=1&host=${host}`, {
    ...body,
    ...extra,
  });
  expect(reply.text.endsWith("data: [DONE]\n\n")).toBe(true);
  return reply.text
    .split("\n\n")
    .filter((b) => b.startsWith("data: {"))
    .map((b) => JSON.parse(b.slice(6)));
}

const deltas = (list: Chunk[]): Delta[] => list.flatMap((c) => c.choices.map((x) => x.delta));

describe("host knob: OpenAI-compatible dialects", () => {
  it("vllm and groq put reasoning in delta.reasoning; openrouter adds reasoning_details", async () => {
    expect(deltas(await chunks("vllm")).some((d) => typeof d.reasoning === "string")).toBe(true);
    const or = deltas(await chunks("openrouter")).find((d) => d.reasoning);
    expect(or?.reasoning_details?.[0]).toEqual({
      type: "reasoning.text",
      text: or?.reasoning,
      format: "unknown",
      index: 0,
    });
  });

  it("think-tags splits <think> across events; r1 omits the opening tag", async () => {
    const text = (list: Chunk[]) =>
      deltas(list)
        .map((d) => (typeof d.content === "string" ? d.content : ""))
        .join("");
    const tagged = await chunks("think-tags");
    expect(deltas(tagged).map((d) => d.content)).toContain("<th");
    expect(text(tagged)).toMatch(/^<think>\n[^<]+\n<\/think>\n\nHere is a short answer/);
    expect(text(await chunks("r1"))).toMatch(/^Okay,[^<]+\n<\/think>\n\nHere is a short answer/);
  });

  it("mistral streams thinking and text as content arrays", async () => {
    const parts = deltas(await chunks("mistral")).flatMap((d) =>
      Array.isArray(d.content) ? [d.content[0]?.type] : [],
    );
    expect(parts[0]).toBe("thinking");
    expect(parts.at(-1)).toBe("text");
  });

  it("xai repeats a cumulative usage on every chunk, ending at the total", async () => {
    const list = await chunks("xai");
    const outputs = list.map((c) => c.usage?.completion_tokens ?? -1);
    expect(outputs).toEqual([...outputs].sort((a, b) => a - b));
    const last = list.at(-1)!.usage!;
    expect(last.total_tokens).toBe(last.prompt_tokens + last.completion_tokens);
    expect(last.completion_tokens).toBeGreaterThan(10);
  });

  it("groq puts x_groq usage on the last chunk only", async () => {
    const list = await chunks("groq");
    expect(list.filter((c) => c.x_groq)).toHaveLength(1);
    expect(list.at(-1)!.x_groq?.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_time: expect.any(Number),
    });
  });

  it("azure opens with prompt_filter_results and empty choices, then filters every choice", async () => {
    const list = await chunks("azure");
    expect(list[0]).toMatchObject({ choices: [], prompt_filter_results: [{ prompt_index: 0 }] });
    expect(list[2]!.choices[0]?.content_filter_results?.hate).toEqual({ filtered: false, severity: "safe" });
  });

  it("adds logprobs to answer pieces when the request asks", async () => {
    const list = await chunks("openai", { logprobs: true });
    const piece = list.map((c) => c.choices[0]).find((c) => c?.delta.content);
    expect(piece?.logprobs?.content[0]).toMatchObject({ token: piece?.delta.content });
  });

  it("refuses an unknown host with the list of known ones", async () => {
    const reply = await raw(`${mock.url}/v1/chat/completions?host=bedrock`, body);
    expect(reply.status).toBe(400);
    expect(reply.text).toContain("expected openai, deepseek, vllm");
  });
});
