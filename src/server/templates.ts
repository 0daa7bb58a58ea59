/**
 * Provider templates (real endpoint + the same request against the built-in
 * mock) and the ready-made mock requests the sidebar offers on first start.
 * Keys are `{{PROVIDER_API_KEY}}` references: defined in an environment, or
 * read from the process environment variable of the same name.
 */
import type { Header } from "../core/capture/types.js";
import type { FormatName } from "../core/formats/types.js";
import type { Example, RequestDraft, Template } from "./protocol.js";

const JSON_TYPE: Header = ["Content-Type", "application/json"];
const PROMPT = "Explain in three sentences why the sky is blue.";
const chatBody = (model: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify(
    {
      model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: PROMPT }],
      ...extra,
    },
    null,
    2,
  );
const json = (value: unknown): string => JSON.stringify(value, null, 2);
const post = (url: string, headers: Header[], body: string): RequestDraft => ({
  method: "POST",
  url,
  headers: [JSON_TYPE, ...headers],
  body,
});
const bearer = (variable: string): Header => ["Authorization", `Bearer {{${variable}}}`];

interface Spec {
  id: string;
  name: string;
  format: FormatName;
  /** Real endpoint (origin + path + query). */
  url: string;
  /** Path (+ query) on the mock. */
  mockPath: string;
  key: string | null;
  headers: (key: string | null) => Header[];
  body: string;
}

const openaiCompatible = (
  id: string,
  name: string,
  url: string,
  key: string | null,
  model: string,
): Spec => ({
  id,
  name,
  format: "openai-chat",
  url,
  mockPath: "/v1/chat/completions",
  key,
  headers: (k) => (k ? [bearer(k)] : []),
  body: chatBody(model),
});

const SPECS: Spec[] = [
  openaiCompatible(
    "openai-chat",
    "OpenAI Chat",
    "https://api.openai.com/v1/chat/completions",
    "OPENAI_API_KEY",
    "gpt-4o-mini",
  ),
  {
    id: "openai-responses",
    name: "OpenAI Responses",
    format: "openai-responses",
    url: "https://api.openai.com/v1/responses",
    mockPath: "/v1/responses",
    key: "OPENAI_API_KEY",
    headers: (k) => [bearer(k!)],
    body: json({ model: "gpt-4o-mini", stream: true, input: PROMPT }),
  },
  {
    id: "anthropic",
    name: "Anthropic",
    format: "anthropic",
    url: "https://api.anthropic.com/v1/messages",
    mockPath: "/v1/messages",
    key: "ANTHROPIC_API_KEY",
    headers: (k) => [
      ["x-api-key", `{{${k}}}`],
      ["anthropic-version", "2023-06-01"],
    ],
    body: json({
      model: "claude-sonnet-4-5",
      max_tokens: 2048,
      stream: true,
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: PROMPT }],
    }),
  },
  {
    id: "gemini",
    name: "Gemini",
    format: "gemini",
    url: "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    mockPath: "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    key: "GEMINI_API_KEY",
    headers: (k) => [["x-goog-api-key", `{{${k}}}`]],
    body: json({ contents: [{ role: "user", parts: [{ text: PROMPT }] }] }),
  },
  {
    id: "ollama",
    name: "Ollama",
    format: "ollama",
    url: "http://localhost:11434/api/chat",
    mockPath: "/api/chat",
    key: null,
    headers: () => [],
    body: json({ model: "llama3.2", stream: true, messages: [{ role: "user", content: PROMPT }] }),
  },
  {
    id: "cohere",
    name: "Cohere",
    format: "cohere",
    url: "https://api.cohere.com/v2/chat",
    mockPath: "/v2/chat",
    key: "COHERE_API_KEY",
    headers: (k) => [bearer(k!)],
    body: json({ model: "command-a-03-2025", stream: true, messages: [{ role: "user", content: PROMPT }] }),
  },
  openaiCompatible(
    "deepseek",
    "DeepSeek",
    "https://api.deepseek.com/chat/completions",
    "DEEPSEEK_API_KEY",
    "deepseek-reasoner",
  ),
  openaiCompatible(
    "openrouter",
    "OpenRouter",
    "https://openrouter.ai/api/v1/chat/completions",
    "OPENROUTER_API_KEY",
    "deepseek/deepseek-r1",
  ),
  openaiCompatible(
    "groq",
    "Groq",
    "https://api.groq.com/openai/v1/chat/completions",
    "GROQ_API_KEY",
    "openai/gpt-oss-20b",
  ),
  openaiCompatible(
    "openai-compatible",
    "vLLM / OpenAI-compatible",
    "http://localhost:8000/v1/chat/completions",
    null,
    "Qwen/Qwen3-8B",
  ),
];

/** Every provider template; `mock` requests point at `mockUrl` (or a placeholder when the mock is off). */
export function templates(mockUrl: string | null): Template[] {
  const mockBase = mockUrl ?? "{{mock_url}}";
  return SPECS.map((s) => ({
    id: s.id,
    name: s.name,
    format: s.format,
    request: post(s.url, s.headers(s.key), s.body),
    variables: s.key ? [s.key] : [],
    // The mock accepts and ignores credentials: no key needed.
    mock: post(`${mockBase}${s.mockPath}`, [], s.body),
  }));
}

/** Ready-made requests against the mock: a live stream in one click, offline. */
export function examples(mockUrl: string): Example[] {
  const chat = (path: string, model: string, extra: Record<string, unknown> = {}): RequestDraft =>
    post(`${mockUrl}${path}`, [], chatBody(model, extra));
  const fromTemplate = (id: string): RequestDraft => {
    const t = templates(mockUrl).find((x) => x.id === id);
    if (!t) throw new Error(`examples(): no template ${id}`);
    return t.mock;
  };
  return [
    {
      id: "mock-chat",
      name: "OpenAI Chat: a short answer",
      description: "A few sentences streamed as chat.completion.chunk events, with usage.",
      request: chat("/v1/chat/completions", "gpt-4o-mini"),
    },
    {
      id: "mock-reasoning",
      name: "DeepSeek reasoner: thinking, then the answer",
      description: "reasoning_content streams before the answer: watch Thinking fill, then Reply.",
      request: chat("/v1/chat/completions", "deepseek-reasoner"),
    },
    {
      id: "mock-tools",
      name: "Tool call with streamed arguments",
      description: "tool_calls fragments assembled per index.",
      request: chat("/v1/chat/completions?tools=1", "gpt-4o-mini"),
    },
    {
      id: "mock-anthropic",
      name: "Anthropic Messages with thinking",
      description: "content_block_start/delta/stop with a thinking block.",
      request: fromTemplate("anthropic"),
    },
    {
      id: "mock-gemini",
      name: "Gemini streamGenerateContent",
      description: "Candidates with thought parts over SSE.",
      request: fromTemplate("gemini"),
    },
    {
      id: "mock-ollama",
      name: "Ollama chat (NDJSON)",
      description: "One JSON object per line instead of SSE.",
      request: fromTemplate("ollama"),
    },
    {
      id: "mock-stall",
      name: "A stall, then bunched delivery",
      description:
        "A 2.5 s pause mid-stream, then 20 events in one write: what a buffering proxy looks like.",
      request: chat("/v1/chat/completions?stall=2500&bunch=20", "deepseek-reasoner"),
    },
    {
      id: "mock-cut",
      name: "A stream cut mid-event",
      description: "The connection breaks halfway: everything before the break is kept.",
      request: chat("/v1/chat/completions?cut=mid", "gpt-4o-mini"),
    },
    {
      id: "mock-429",
      name: "HTTP 429 with the provider's error",
      description: "A rate-limit error body, shown with the provider's message.",
      request: chat("/v1/chat/completions?fault=429", "gpt-4o-mini"),
    },
    {
      id: "mock-big",
      name: "100,000 events",
      description: "About 25 MB as fast as the mock can write it: the timeline stays smooth.",
      request: chat("/v1/chat/completions?events=100000&delay=0&jitter=0", "gpt-4o-mini"),
    },
  ];
}
