/** The Gemini format (`:streamGenerateContent`, SSE with `alt=sse`, a JSON array without; Vertex AI alike). */
import type { Format } from "../types.js";
import { finishGemini, type GeminiState, initGemini, stepGemini } from "./merge.js";

export type { GeminiState } from "./merge.js";

/**
 * Folds Gemini `GenerateContentResponse` chunks (or one whole response) into the shared reply.
 *
 * @example
 * const state = gemini.init({});
 * const deltas = gemini.step(state, { ...event, json: JSON.parse(event.data) });
 */
export const gemini: Format<GeminiState> = {
  name: "gemini",
  label: "Google Gemini",
  json: true,
  init: initGemini,
  step: stepGemini,
  finish: finishGemini,
};
