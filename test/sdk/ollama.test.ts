/** The official `ollama` JS client as a real client of the mock's `/api/chat` and `/api/generate`. */
import { Ollama } from "ollama";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";

let mock: MockServer;
let ollama: Ollama;

beforeAll(async () => {
  mock = await startMock();
  ollama = new Ollama({ host: mock.url, headers: { "x-mock-delay": "0", "x-mock-jitter": "0" } });
});
afterAll(() => mock.close());

const messages = [{ role: "user", content: "What does done_reason mean?" }];

describe("ollama client against the mock", () => {
  it("streams content and thinking, then a done line with nanosecond durations", async () => {
    let content = "";
    let thinking = "";
    let done: {
      done_reason: string;
      eval_count: number;
      eval_duration: number;
      total_duration: number;
    } | null = null;
    for await (const part of await ollama.chat({ model: "qwen3", messages, stream: true, think: true })) {
      content += part.message.content;
      thinking += part.message.thinking ?? "";
      if (part.done) done = part;
    }
    expect(content).toMatch(/^Here is a short answer about what does done_reason mean\./);
    expect(thinking).toMatch(/^Okay, the question is about/);
    expect(done?.done_reason).toBe("stop");
    expect(done!.total_duration).toBeGreaterThan(done!.eval_duration);
    const whole = await ollama.chat({ model: "qwen3", messages, think: true });
    expect(whole.message.content).toBe(content);
    expect(whole.message.thinking).toBe(thinking);
  });

  it("delivers tool calls whole, with arguments as objects", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "get_time",
          parameters: { type: "object", properties: { zone: { type: "string" } } },
        },
      },
    ];
    const calls = [];
    for await (const part of await ollama.chat({ model: "llama3.2", messages, tools, stream: true })) {
      calls.push(...(part.message.tool_calls ?? []));
    }
    expect(calls.map((c) => c.function.name)).toEqual(["get_time"]);
    expect(Object.keys(calls[0]!.function.arguments)).toEqual(["zone"]);
  });

  it("streams /api/generate responses", async () => {
    let text = "";
    for await (const part of await ollama.generate({ model: "llama3.2", prompt: "Say hi", stream: true }))
      text += part.response;
    expect(text).toMatch(/^Here is a short answer about say hi\./);
  });

  it("throws the error line (error knob) and the error body (fault=404)", async () => {
    const broken = new Ollama({ host: mock.url, headers: { "x-mock-delay": "0", "x-mock-error": "3" } });
    const run = async () => {
      for await (const _ of await broken.chat({ model: "m", messages, stream: true })) void _;
    };
    await expect(run()).rejects.toThrow(/unexpected EOF/);
    const missing = new Ollama({ host: mock.url, headers: { "x-mock-fault": "404" } });
    await expect(missing.chat({ model: "m", messages })).rejects.toThrow(/not found, try pulling it first/);
  });

  it("lists models (GET /api/tags) and a version (GET /api/version)", async () => {
    const { models } = await ollama.list();
    expect(models.map((m) => m.name)).toContain("llama3.2");
    expect((await ollama.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
