/**
 * The `openai` SDK's ChatCompletionStream as the oracle for Chat Completions,
 * across the hosts' dialects (the mock's `host` knob). The SDK only knows
 * OpenAI's own fields, so where a host goes beyond them the oracle reads the
 * SDK's own parsed chunks instead of its accumulator, and says why.
 */
import OpenAI from "openai";
import type { OpenAIHost } from "../../src/mock/formats/openai-hosts.js";
import { type Oracle, type OracleChoice, parse } from "./oracles.js";

/** Split `<think>…</think>` out of the SDK's content (it keeps the tags as text). */
function splitThink(text: string, host: OpenAIHost): { content: string; reasoning: string | null } {
  const close = text.indexOf("</think>");
  if (close < 0) return { content: text, reasoning: null };
  if (host === "r1") return { reasoning: text.slice(0, close), content: text.slice(close + 8) };
  if (!text.startsWith("<think>")) return { content: text, reasoning: null };
  return { reasoning: text.slice(7, close), content: text.slice(close + 8) };
}

export async function openaiChatOracle(
  baseURL: string,
  headers: Record<string, string>,
  body: OpenAI.ChatCompletionCreateParamsStreaming,
  host: OpenAIHost = "openai",
): Promise<Oracle> {
  const client = new OpenAI({ baseURL, apiKey: "sk-mock", maxRetries: 0, defaultHeaders: headers });
  const stream = client.chat.completions.stream(body);
  // ChatCompletionStream copies unknown delta fields with Object.assign, so `reasoning_content`
  // (DeepSeek, xAI) and `reasoning` (vLLM, Groq, OpenRouter) end as the LAST fragment, and it
  // appends a Mistral content ARRAY to a string ("[object Object]"). Those parts of the oracle
  // are therefore folded from the SDK's own parsed chunks.
  const reasoning = new Map<number, string>();
  const content = new Map<number, string>();
  const add = (map: Map<number, string>, i: number, text: unknown) => {
    if (typeof text === "string") map.set(i, (map.get(i) ?? "") + text);
  };
  let xGroq: { usage?: { completion_tokens?: number } } | undefined;
  stream.on("chunk", (chunk) => {
    const extra = chunk as { x_groq?: typeof xGroq };
    if (extra.x_groq) xGroq = extra.x_groq;
    for (const c of chunk.choices) {
      const d = c.delta as Record<string, unknown>;
      add(reasoning, c.index, d.reasoning_content ?? d.reasoning);
      if (!Array.isArray(d.content)) add(content, c.index, d.content);
      else {
        for (const part of d.content as { type?: string; text?: string; thinking?: { text?: string }[] }[]) {
          if (part.type === "text") add(content, c.index, part.text);
          if (part.type === "thinking") for (const t of part.thinking ?? []) add(reasoning, c.index, t.text);
        }
      }
    }
  });
  const final = await stream.finalChatCompletion();
  const notes: string[] = [];
  const choices = final.choices.map((c): OracleChoice => {
    const message = c.message as { content: string | null; reasoning_content?: string; reasoning?: string };
    const sdkReasoning = message.reasoning_content ?? message.reasoning;
    let text = message.content ?? "";
    let thought = reasoning.get(c.index) ?? null;
    if (thought !== null && sdkReasoning !== undefined && sdkReasoning !== thought) {
      notes.push(
        `choice ${c.index}: SDK kept only the last reasoning fragment ${JSON.stringify(sdkReasoning)}`,
      );
    }
    if (host === "mistral") {
      if (text.includes("[object Object]"))
        notes.push(`choice ${c.index}: SDK content is ${JSON.stringify(text.slice(0, 40))}…`);
      text = content.get(c.index) ?? "";
    }
    if (host === "think-tags" || host === "r1") {
      const split = splitThink(text, host);
      text = split.content;
      thought = split.reasoning;
    }
    return {
      index: c.index,
      content: text,
      reasoning: thought,
      toolCalls: (c.message.tool_calls ?? []).map((t) =>
        t.type === "function"
          ? {
              id: t.id,
              name: t.function.name,
              arguments: parse(t.function.arguments),
              raw: t.function.arguments,
            }
          : { id: t.id, name: null, arguments: null },
      ),
      finishReason: c.finish_reason,
      refusal: c.message.refusal ?? null,
    };
  });
  const usage = (final.usage ?? null) as Record<string, unknown> | null;
  // Groq's usage rides in `x_groq` on the last chunk; the SDK leaves it as an unknown field.
  const outputTokens = final.usage?.completion_tokens ?? xGroq?.usage?.completion_tokens ?? null;
  return { choices, usage, outputTokens, notes };
}
