import type { Format } from "../types.js";
import { finishResponses, stepResponses } from "./merge.js";
import { initResponses, type ResponsesState } from "./state.js";

export type { ResponsesState } from "./state.js";

/**
 * The OpenAI Responses API stream (`event:` + `data:`, ended by `response.completed`,
 * `response.incomplete` or `response.failed`), and a non-stream `Response` object.
 *
 * @example
 * const state = openaiResponses.init({});
 * const deltas = openaiResponses.step(state, { ...event, json: JSON.parse(event.data) });
 * const rest = openaiResponses.finish(state);
 */
export const openaiResponses: Format<ResponsesState> = {
  name: "openai-responses",
  label: "OpenAI Responses",
  init: () => initResponses(),
  step: stepResponses,
  finish: finishResponses,
  json: true,
};
