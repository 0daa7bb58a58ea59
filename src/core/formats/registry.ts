/** Every built-in format, by name. A new format adds its folder and one line here. */
import { anthropic } from "./anthropic/index.js";
import { cohere } from "./cohere/index.js";
import { gemini } from "./gemini/index.js";
import { generic } from "./generic.js";
import { ollama } from "./ollama/index.js";
import { openaiChat } from "./openai-chat/index.js";
import { openaiResponses } from "./openai-responses/index.js";
import type { Format, FormatName } from "./types.js";

const FORMATS: Partial<Record<FormatName, Format>> = {
  sse: generic as Format,
  anthropic: anthropic as Format,
  gemini: gemini as Format,
  ollama: ollama as Format,
  cohere: cohere as Format,
  "openai-chat": openaiChat as Format,
  "openai-responses": openaiResponses as Format,
};

/** The format registered under `name`; the generic view when it is not (yet) built in. */
export function getFormat(name: FormatName): Format {
  return FORMATS[name] ?? (generic as Format);
}

/** Is `name` a format with its own merger (not the generic view)? */
export function hasFormat(name: FormatName): boolean {
  return FORMATS[name] !== undefined;
}
