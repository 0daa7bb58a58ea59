/** The Cohere v2 chat format (`POST /v2/chat`, SSE events typed by `type`). */
import type { Format } from "../types.js";
import { type CohereState, finishCohere, initCohere, stepCohere } from "./merge.js";

export type { CohereState } from "./merge.js";

/**
 * Folds a Cohere v2 chat stream (or a whole v2 response) into the shared reply.
 * `tool-plan-delta` text is reported as reasoning.
 *
 * @example
 * const state = cohere.init({});
 * const deltas = cohere.step(state, { ...event, json: JSON.parse(event.data) });
 */
export const cohere: Format<CohereState> = {
  name: "cohere",
  label: "Cohere v2 Chat",
  json: true,
  init: initCohere,
  step: stepCohere,
  finish: finishCohere,
};
