/**
 * Seeded random request shapes for the differential tests: per format, a mix
 * of plain text, reasoning, tool calls, several choices and usage, so that
 * over a run of seeds every shape is met. Each shape names itself for the log.
 */
import { createRng, int, pick } from "../../src/mock/random.js";

const QUESTIONS = [
  "How do server-sent events work?",
  "Why does my stream stall behind nginx?",
  "Explain NDJSON vs SSE",
  "Résumé of the café menu ☕, s'il vous plaît",
  "What is a tool call?",
];

const TOOLS = [
  {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
    },
  },
  {
    name: "search_docs",
    parameters: { type: "object", properties: { query: { type: "string" }, limit: { type: "integer" } } },
  },
  {
    name: "set_alarm",
    parameters: { type: "object", properties: { minutes: { type: "number" }, loud: { type: "boolean" } } },
  },
];

export interface Shape {
  seed: number;
  question: string;
  reasoning: boolean;
  tools: typeof TOOLS;
  n: number;
  usage: boolean;
  length: number;
  comments: boolean;
  /** The mock's `rich` knob: web search steps, citations, redacted thinking (Anthropic, Responses). */
  rich: boolean;
  /** The mock's `refusal` knob. */
  refusal: boolean;
  /** A small output-token limit that cuts the reply short (finish reason `length` and kin), or null. */
  maxTokens: number | null;
  /** Knob headers: no pacing, the seed as the mock's seed, sometimes keep-alive comments. */
  headers: Record<string, string>;
}

/** A random shape; `maxN` > 1 only for formats with several choices. */
export function shapeFor(seed: number, maxN = 1): Shape {
  const rng = createRng(seed);
  const reasoning = rng() < 0.5;
  const toolCount = rng() < 0.4 ? int(rng, 1, 3) : 0;
  const shape = {
    seed,
    question: pick(rng, QUESTIONS),
    reasoning,
    tools: TOOLS.slice(0, toolCount),
    n: maxN > 1 && rng() < 0.4 ? int(rng, 2, maxN) : 1,
    usage: rng() < 0.7,
    length: int(rng, 1, 6),
    comments: rng() < 0.3,
    rich: rng() < 0.4,
    refusal: rng() < 0.15,
    // By seed rather than by chance, so that every run of a dozen seeds meets a cut-short reply.
    maxTokens: seed % 4 === 3 ? int(rng, 3, 40) : null,
  };
  const headers: Record<string, string> = {
    "x-mock-delay": "0",
    "x-mock-jitter": "0",
    "x-mock-seed": String(seed),
    "x-mock-length": String(shape.length),
  };
  if (shape.comments) headers["x-mock-comments"] = "3";
  if (shape.rich) headers["x-mock-rich"] = "1";
  if (shape.refusal) headers["x-mock-refusal"] = "1";
  return { ...shape, headers };
}

export function describeShape(s: Shape): string {
  const parts = [`seed=${s.seed}`, s.reasoning ? "reasoning" : "text"];
  if (s.tools.length > 0) parts.push(`tools=${s.tools.length}`);
  if (s.n > 1) parts.push(`n=${s.n}`);
  if (s.usage) parts.push("usage");
  if (s.comments) parts.push("comments");
  if (s.rich) parts.push("rich");
  if (s.refusal) parts.push("refusal");
  if (s.maxTokens !== null) parts.push(`max=${s.maxTokens}`);
  parts.push(`length=${s.length}`);
  return parts.join(" ");
}

/** The seeds of a run: SSELENS_SEED moves the base so a failure can be replayed alone. */
export function seeds(count: number): number[] {
  const base = Number(process.env.SSELENS_SEED ?? 4242);
  return Array.from({ length: count }, (_, i) => base + i);
}
