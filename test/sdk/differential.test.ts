/**
 * Differential tests (issue #4): seeded random streams of every shape, served
 * by the mock over loopback, folded by the official SDK (the oracle) and, from
 * the same bytes fetched by a plain HTTP client, by sselens's own pipeline.
 * Both must agree field by field: content, reasoning, tool calls (id, name,
 * arguments), finish reason and usage. Seeds are in the test names; set
 * SSELENS_SEED to move the range.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Capture } from "../../src/core/capture/types.js";
import { OPENAI_HOSTS } from "../../src/mock/formats/openai-hosts.js";
import { type MockServer, startMock } from "../../src/mock/index.js";
import { bodyText, fetchCapture } from "./capture.js";
import { openaiChatOracle } from "./oracle-openai-chat.js";
import {
  anthropicOracle,
  cohereOracle,
  geminiOracle,
  type Oracle,
  ollamaOracle,
  openaiResponsesOracle,
} from "./oracles.js";
import { describeShape, type Shape, seeds, shapeFor } from "./shapes.js";
import { type Compared, compareWithOracle, mergeCapture } from "./sselens.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const SEEDS = seeds(12);
const messages = (s: Shape) => [{ role: "user" as const, content: s.question }];
const openaiTools = (s: Shape) => s.tools.map((t) => ({ type: "function" as const, function: t }));

/** Fetch the same request twice (determinism), merge it with sselens and compare with the oracle. */
async function check(
  name: string,
  shape: Shape,
  url: string,
  body: unknown,
  oracle: Oracle,
  opts: Compared = {},
): Promise<Capture> {
  const capture = await fetchCapture(url, body, shape.headers);
  const again = await fetchCapture(url, body, { ...shape.headers, authorization: "Bearer other" });
  expect(bodyText(again), "the mock is deterministic").toBe(bodyText(capture));
  for (const note of oracle.notes) console.log(`[differential] ${name} ${describeShape(shape)}: ${note}`);
  compareWithOracle(mergeCapture(capture), oracle, opts);
  return capture;
}

describe("differential: openai chat completions (every host dialect) vs openai SDK finalChatCompletion()", () => {
  // More seeds here: each seed also picks one of the hosts' dialects (the mock's `host` knob).
  for (const seed of seeds(30)) {
    const host = OPENAI_HOSTS[seed % OPENAI_HOSTS.length]!;
    // Every dialect meets reasoning in at least two of its three seeds.
    const base = shapeFor(seed, 3);
    const s = { ...base, reasoning: base.reasoning || Math.floor(seed / OPENAI_HOSTS.length) % 2 === 0 };
    const logprobs = seed % 4 === 1;
    it(`host=${host} ${describeShape(s)}${logprobs ? " logprobs" : ""}`, async () => {
      const headers = { ...s.headers, "x-mock-host": host };
      // An R1 distill's name is the evidence that its opening <think> may be missing.
      const model = !s.reasoning
        ? "gpt-4o-mini"
        : host === "r1"
          ? "deepseek-r1-distill-qwen-32b"
          : "deepseek-reasoner";
      const body = {
        model,
        messages: messages(s),
        stream: true as const,
        ...(s.n > 1 ? { n: s.n } : {}),
        ...(s.tools.length > 0 ? { tools: openaiTools(s) } : {}),
        ...(s.usage ? { stream_options: { include_usage: true } } : {}),
        ...(logprobs ? { logprobs: true } : {}),
        ...(s.maxTokens !== null ? { max_completion_tokens: s.maxTokens } : {}),
      };
      const oracle = await openaiChatOracle(`${mock.url}/v1`, headers, body, host);
      await check("openai-chat", { ...s, headers }, `${mock.url}/v1/chat/completions`, body, oracle, {
        rawArguments: true,
        // Groq's usage is in x_groq (the SDK has no field for it): compared as output tokens only.
        usage: host !== "groq" && (s.usage || host === "xai"),
      });
    });
  }
});

describe("differential: openai responses vs openai SDK finalResponse()", () => {
  for (const seed of SEEDS) {
    const s = shapeFor(seed);
    // gpt-oss streams raw reasoning_text; other reasoning models a summary.
    const model = s.reasoning && seed % 2 === 0 ? "gpt-oss-120b" : "gpt-4.1-mini";
    it(`${model} ${describeShape(s)}`, async () => {
      const body = {
        model,
        input: s.question,
        stream: true as const,
        ...(s.maxTokens !== null ? { max_output_tokens: s.maxTokens } : {}),
        ...(s.reasoning ? { reasoning: { effort: "low" as const, summary: "auto" as const } } : {}),
        ...(s.tools.length > 0
          ? { tools: s.tools.map((t) => ({ type: "function" as const, strict: false, ...t })) }
          : {}),
      };
      const oracle = await openaiResponsesOracle(`${mock.url}/v1`, s.headers, body);
      await check("openai-responses", s, `${mock.url}/v1/responses`, body, oracle, { rawArguments: true });
    });
  }
});

describe("differential: anthropic messages vs @anthropic-ai/sdk finalMessage()", () => {
  for (const seed of SEEDS) {
    const s = shapeFor(seed);
    it(describeShape(s), async () => {
      const body = {
        model: "claude-mock-1",
        max_tokens: s.maxTokens ?? 2048,
        messages: messages(s),
        stream: true as const,
        ...(s.reasoning ? { thinking: { type: "enabled" as const, budget_tokens: 1024 } } : {}),
        ...(s.tools.length > 0
          ? {
              tools: s.tools.map((t) => ({
                name: t.name,
                input_schema: { ...t.parameters, type: "object" as const },
              })),
            }
          : {}),
      };
      const { stream: _stream, ...params } = body;
      const oracle = await anthropicOracle(mock.url, s.headers, params);
      await check("anthropic", s, `${mock.url}/v1/messages`, body, oracle);
    });
  }
});

describe("differential: gemini vs @google/genai generateContentStream", () => {
  for (const seed of SEEDS) {
    const s = shapeFor(seed, 2);
    it(describeShape(s), async () => {
      const model = "gemini-2.5-flash";
      const config: Record<string, unknown> = {};
      if (s.reasoning) config.thinkingConfig = { includeThoughts: true };
      if (s.n > 1) config.candidateCount = s.n;
      if (s.maxTokens !== null) config.maxOutputTokens = s.maxTokens;
      if (s.tools.length > 0)
        config.tools = [
          {
            functionDeclarations: s.tools.map((t) => ({ name: t.name, parametersJsonSchema: t.parameters })),
          },
        ];
      const oracle = await geminiOracle(mock.url, s.headers, model, config, s.question);
      // The same request as genai sends it on the wire (config split into generationConfig and tools).
      const generationConfig: Record<string, unknown> = {};
      if (config.thinkingConfig) generationConfig.thinkingConfig = config.thinkingConfig;
      if (config.candidateCount) generationConfig.candidateCount = config.candidateCount;
      if (config.maxOutputTokens) generationConfig.maxOutputTokens = config.maxOutputTokens;
      const body = {
        contents: [{ role: "user", parts: [{ text: s.question }] }],
        ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
        ...(config.tools ? { tools: config.tools } : {}),
      };
      const url = `${mock.url}/v1beta/models/${model}:streamGenerateContent`;
      const sse = await check("gemini", s, `${url}?alt=sse`, body, oracle);
      // Without alt=sse the body is one JSON array; sselens must merge it to the same reply.
      const array = await fetchCapture(url, body, s.headers);
      expect(mergeCapture(array).choices).toEqual(mergeCapture(sse).choices);
    });
  }
});

describe("differential: ollama vs the ollama client", () => {
  for (const seed of SEEDS) {
    const s = shapeFor(seed);
    const endpoint = seed % 3 === 0 ? "generate" : "chat";
    it(`${endpoint} ${describeShape(s)}`, async () => {
      const body: Record<string, unknown> =
        endpoint === "chat"
          ? {
              model: "llama3.2",
              messages: messages(s),
              ...(s.tools.length > 0 ? { tools: openaiTools(s) } : {}),
            }
          : { model: "llama3.2", prompt: s.question };
      body.think = s.reasoning;
      if (s.maxTokens !== null) body.options = { num_predict: s.maxTokens };
      const oracle = await ollamaOracle(mock.url, s.headers, { endpoint, body });
      await check("ollama", s, `${mock.url}/api/${endpoint}`, { ...body, stream: true }, oracle, {
        usage: false,
      });
    });
  }
});

describe("differential: cohere v2 vs the cohere-ai client", () => {
  for (const seed of SEEDS) {
    const s = shapeFor(seed);
    it(describeShape(s), async () => {
      const body = {
        model: "command-a-reasoning",
        messages: messages(s),
        ...(s.reasoning ? { thinking: { type: "enabled" as const } } : {}),
        ...(s.tools.length > 0 ? { tools: openaiTools(s) } : {}),
      };
      const limit = s.maxTokens;
      // The SDK takes camelCase `maxTokens` and sends `max_tokens`, as the raw request must.
      const oracle = await cohereOracle(mock.url, s.headers, {
        ...body,
        ...(limit !== null ? { maxTokens: limit } : {}),
      });
      const wire = { ...body, stream: true, ...(limit !== null ? { max_tokens: limit } : {}) };
      await check("cohere", s, `${mock.url}/v2/chat`, wire, oracle, { usage: false });
    });
  }
});
