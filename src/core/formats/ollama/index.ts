/** The Ollama native format (`/api/chat`, `/api/generate`; NDJSON). Its OpenAI-compatible `/v1` endpoint is `openai-chat`. */
import type { Format } from "../types.js";
import { finishOllama, initOllama, type OllamaState, stepOllama } from "./merge.js";

export type { OllamaState } from "./merge.js";

/**
 * Folds Ollama NDJSON lines into the shared reply. `init({url})` names the endpoint in `meta`.
 * The `done: true` line's durations (ns) are reported as `meta.timings` (what the metrics read as `provider`) in ms.
 *
 * @example
 * const state = ollama.init({ url: "http://localhost:11434/api/chat" });
 * const deltas = ollama.step(state, { ...event, json: JSON.parse(event.data) });
 */
export const ollama: Format<OllamaState> = {
  name: "ollama",
  label: "Ollama",
  json: true,
  init: initOllama,
  step: stepOllama,
  finish: finishOllama,
};
