/**
 * Knobs: how a caller shapes the mock's stream. Each knob is a query
 * parameter (`?delay=0`) or a header (`x-mock-delay: 0`); the query wins.
 */
import type { IncomingHttpHeaders } from "node:http";
import { OPENAI_HOSTS, type OpenAIHost } from "./formats/openai-hosts.js";

/** Where in the stream a fault happens: after N events, or midway. */
export type Position = number | "mid";

export interface Knobs {
  /** ms between events. */
  delay: number;
  /** Up to this many extra ms, random per event. */
  jitter: number;
  /** ms between the response headers and the first event (the model "thinking"). */
  ttft: number;
  /** ms before the response headers are sent. */
  wait: number;
  /** Sentences in the answer (null: 3–5, chosen by the seed). */
  length: number | null;
  /** Varies the text; the stream is otherwise a function of the request. */
  seed: string;
  /** Answer with this HTTP error status and the provider's own error body. */
  fault: number | null;
  /** Destroy the socket in the middle of an event. */
  cut: Position | null;
  /** Send the provider's error event and end the body. */
  error: Position | null;
  /** Pause this many ms mid-stream (at `at`). */
  stall: number | null;
  /** Hold this many events back, then send them in one write (at `at`). */
  bunch: number | null;
  /** Where `stall` and `bunch` happen. */
  at: Position;
  /** Number of answer events (for big streams). */
  events: number | null;
  /** Force tool calls on (true) or off (false); null follows the request. */
  tools: boolean | null;
  /** Force reasoning on or off; null follows the request and the model name. */
  reasoning: boolean | null;
  /** An SSE comment keep-alive every N events (0: none). */
  comments: number;
  /** The model refuses (OpenAI formats send the text as `refusal`). */
  refusal: boolean;
  /** Add the richer shapes: web search steps, citations, redacted thinking, code execution. */
  rich: boolean;
  /** The OpenAI-compatible host dialect of `/v1/chat/completions` (null: OpenAI/DeepSeek). */
  host: OpenAIHost | null;
}

type KnobName = keyof Knobs;

/** The knob table, for `sselens mock --help` and the README. */
export const knobs: ReadonlyArray<{ name: KnobName; value: string; default: string; description: string }> = [
  { name: "delay", value: "ms", default: "18", description: "pause between events" },
  {
    name: "jitter",
    value: "ms",
    default: "2/3 of delay",
    description: "random extra pause per event, 0..jitter",
  },
  {
    name: "ttft",
    value: "ms",
    default: "180, or delay when given",
    description: "pause before the first event, after the headers",
  },
  { name: "wait", value: "ms", default: "0", description: "pause before the response headers" },
  { name: "length", value: "n", default: "3-5", description: "sentences in the answer" },
  { name: "seed", value: "text", default: "", description: "vary the text (same seed, same bytes)" },
  {
    name: "fault",
    value: "401|429|500|...",
    default: "",
    description: "HTTP error with the provider's error JSON",
  },
  { name: "cut", value: "n|mid", default: "", description: "destroy the socket mid-event after n events" },
  {
    name: "error",
    value: "n|mid",
    default: "",
    description: "provider error event after n events, then end",
  },
  { name: "stall", value: "ms", default: "", description: "pause once mid-stream (at `at`)" },
  {
    name: "bunch",
    value: "n",
    default: "",
    description: "hold n events, then send them in one write (at `at`)",
  },
  { name: "at", value: "n|mid", default: "mid", description: "where stall and bunch happen" },
  { name: "events", value: "n", default: "", description: "answer pieces, for big streams (e.g. 100000)" },
  { name: "tools", value: "0|1", default: "", description: "force tool calls off/on" },
  { name: "reasoning", value: "0|1", default: "", description: "force reasoning off/on" },
  {
    name: "comments",
    value: "n",
    default: "0",
    description: "an SSE `: OPENROUTER PROCESSING` comment every n events",
  },
  {
    name: "refusal",
    value: "0|1",
    default: "0",
    description:
      "the model refuses (OpenAI chat and Responses send it as refusal, Anthropic as stop_reason refusal)",
  },
  {
    name: "rich",
    value: "0|1",
    default: "0",
    description:
      "web search steps, citations, redacted thinking, code execution (Anthropic, Responses, Gemini, Cohere)",
  },
  {
    name: "host",
    value: OPENAI_HOSTS.join("|"),
    default: "openai",
    description: "chat-completions dialect: where reasoning goes, how usage comes, extra fields",
  },
];

export const DEFAULT_KNOBS: Knobs = {
  delay: 18,
  jitter: 12,
  ttft: 180,
  wait: 0,
  length: null,
  seed: "",
  fault: null,
  cut: null,
  error: null,
  stall: null,
  bunch: null,
  at: "mid",
  events: null,
  tools: null,
  reasoning: null,
  comments: 0,
  rich: false,
  refusal: false,
  host: null,
};

/** A knob value that could not be read: what and where. */
export class KnobError extends Error {
  constructor(
    readonly knob: string,
    readonly value: string,
    expected: string,
  ) {
    super(`mock knob ${knob}=${JSON.stringify(value)}: expected ${expected}`);
    this.name = "KnobError";
  }
}

export function isKnobError(e: unknown): e is KnobError {
  return e instanceof KnobError;
}

function count(name: string, v: string, max = 10_000_000): number {
  if (!/^\d+$/.test(v) || Number(v) > max) throw new KnobError(name, v, `an integer 0..${max}`);
  return Number(v);
}

function position(name: string, v: string): Position {
  return v === "" || v === "mid" || v === "true" ? "mid" : count(name, v);
}

function flag(name: string, v: string): boolean {
  if (v === "1" || v === "true" || v === "on" || v === "") return true;
  if (v === "0" || v === "false" || v === "off") return false;
  throw new KnobError(name, v, "0 or 1");
}

/** Read the knobs of one request; throws `KnobError` on a bad value. */
export function readKnobs(query: URLSearchParams, headers: IncomingHttpHeaders): Knobs {
  const k: Knobs = { ...DEFAULT_KNOBS };
  const get = (name: string): string | null => {
    const q = query.get(name);
    if (q !== null) return q.trim();
    const h = headers[`x-mock-${name.toLowerCase()}`];
    return h === undefined ? null : (Array.isArray(h) ? (h[0] ?? "") : h).trim();
  };
  let jitterGiven = false;
  let ttftGiven = false;
  let delayGiven = false;
  for (const { name } of knobs) {
    const v = get(name);
    if (v === null) continue;
    switch (name) {
      case "delay":
        k.delay = count(name, v, 600_000);
        delayGiven = true;
        break;
      case "jitter":
        k.jitter = count(name, v, 600_000);
        jitterGiven = true;
        break;
      case "stall":
        k.stall = count(name, v, 600_000);
        break;
      case "ttft":
        k.ttft = count(name, v, 600_000);
        ttftGiven = true;
        break;
      case "wait":
        k.wait = count(name, v, 600_000);
        break;
      case "length":
        k.length = count(name, v, 100_000);
        break;
      case "events":
        k.events = Math.max(1, count(name, v));
        break;
      case "bunch":
        k.bunch = count(name, v, 10_000_000);
        break;
      case "comments":
        k.comments = count(name, v);
        break;
      case "seed":
        k.seed = v;
        break;
      case "host":
        if (!(OPENAI_HOSTS as readonly string[]).includes(v))
          throw new KnobError(name, v, OPENAI_HOSTS.join(", "));
        k.host = v as OpenAIHost;
        break;
      case "fault": {
        const status = count(name, v, 599);
        if (status < 400) throw new KnobError(name, v, "an HTTP error status 400..599");
        k.fault = status;
        break;
      }
      case "cut":
      case "error":
      case "at":
        k[name] = position(name, v);
        break;
      case "rich":
      case "refusal":
        k[name] = flag(name, v);
        break;
      case "tools":
      case "reasoning":
        k[name] = flag(name, v);
        break;
    }
  }
  // `delay=0` alone means "as fast as possible", so jitter follows the delay unless given.
  if (!jitterGiven) k.jitter = Math.round((k.delay * 2) / 3);
  // A lively default wait for the first token; a chosen delay sets the pace from the start.
  if (!ttftGiven) k.ttft = delayGiven ? k.delay : DEFAULT_KNOBS.ttft;
  return k;
}
