/** The Cohere chat format: v2 (`POST /v2/chat`, SSE events typed by `type`) and v1 (`POST /v1/chat`, NDJSON lines typed by `event_type`). */
import type { Format } from "../types.js";
import { type CohereState, finishCohere, initCohere, stepCohere } from "./merge.js";

export type { CohereState } from "./merge.js";

/**
 * Folds a Cohere v2 chat stream (or a whole v2 response), or a v1 chat stream, into the shared reply.
 * Tool-plan text (v2 `tool-plan-delta`, v1 `tool-calls-chunk` text) is reported as reasoning.
 *
 * @example
 * const state = cohere.init({});
 * const deltas = cohere.step(state, { ...event, json: JSON.parse(event.data) });
 */
export const cohere: Format<CohereState> = {
  name: "cohere",
  label: "Cohere Chat (v1, v2)",
  json: true,
  init: initCohere,
  step: stepCohere,
  finish: finishCohere,
};
