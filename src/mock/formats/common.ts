/** Small helpers shared by the mock's format modules. */

/** One SSE event block, terminated by its blank line. */
export function sse(data: unknown, event?: string): string {
  const payload = typeof data === "string" ? data : JSON.stringify(data);
  return event === undefined ? `data: ${payload}\n\n` : `event: ${event}\ndata: ${payload}\n\n`;
}

/** One NDJSON line. */
export function ndjson(data: unknown): string {
  return `${JSON.stringify(data)}\n`;
}

export const SSE_TYPE = "text/event-stream; charset=utf-8";
export const NDJSON_TYPE = "application/x-ndjson";
export const JSON_TYPE = "application/json";

/** Text of a message's content: a string, or an array of `{type:"text", text}` parts. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (part && typeof part === "object" && typeof part.text === "string" ? part.text : ""))
    .join("");
}

/** Text of the last message whose role is `user` in a chat-style `messages` list. */
export function lastUserText(messages: unknown, userRole = "user"): string {
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && typeof m === "object" && m.role === userRole) return textOf(m.content);
  }
  return "";
}

export function str(v: unknown, fallback: string): string {
  return typeof v === "string" && v !== "" ? v : fallback;
}

/** Tools in the OpenAI chat shape (`{type:"function", function:{name, parameters}}`) or a flat `{name, parameters}`. */
export function readTools(tools: unknown): { name: string; parameters?: unknown }[] {
  if (!Array.isArray(tools)) return [];
  const out: { name: string; parameters?: unknown }[] = [];
  for (const t of tools) {
    if (!t || typeof t !== "object") continue;
    const fn = t.function && typeof t.function === "object" ? t.function : t;
    const schema = fn.parameters ?? fn.input_schema ?? fn.parameterDefinitions;
    if (typeof fn.name === "string")
      out.push(schema === undefined ? { name: fn.name } : { name: fn.name, parameters: schema });
  }
  return out;
}

/** Round-robin (seeded order) over several event sources, for interleaved choices. */
export function* interleave<T>(rng: () => number, sources: Iterator<T>[]): Generator<T> {
  const live = [...sources];
  while (live.length > 0) {
    const i = Math.floor(rng() * live.length);
    const next = live[i]!.next();
    if (next.done) live.splice(i, 1);
    else yield next.value;
  }
}

/** `{maxTokens}` when the request's limit is a positive integer, else nothing. */
export function maxTokens(v: unknown): { maxTokens?: number } {
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? { maxTokens: v } : {};
}
