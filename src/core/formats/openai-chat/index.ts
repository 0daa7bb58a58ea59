import type { Format } from "../types.js";
import { type ChatState, finishChat, initChat, stepChat } from "./merge.js";

export type { ChatState } from "./merge.js";

/**
 * OpenAI Chat Completions and compatible hosts (DeepSeek, xAI, vLLM, SGLang, OpenRouter,
 * Groq, Mistral, Azure, Ollama's `/v1`). Also merges a non-stream `chat.completion` body.
 *
 * @example
 * const state = openaiChat.init({});
 * const deltas = openaiChat.step(state, { ...event, json: JSON.parse(event.data) });
 * const rest = openaiChat.finish(state);
 */
export const openaiChat: Format<ChatState> = {
  name: "openai-chat",
  label: "OpenAI Chat Completions",
  init: () => initChat(),
  step: stepChat,
  finish: finishChat,
  json: true,
};
