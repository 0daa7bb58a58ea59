/** The Anthropic Messages format (`POST /v1/messages`, SSE with `event:` names mirroring `data.type`). */
import type { Format } from "../types.js";
import { type AnthropicState, finishAnthropic, initAnthropic, stepAnthropic } from "./merge.js";

export type { AnthropicState } from "./merge.js";

/**
 * Folds an Anthropic Messages stream (or a whole Message body) into the shared reply.
 *
 * @example
 * const state = anthropic.init({});
 * const deltas = anthropic.step(state, { ...event, json: JSON.parse(event.data) });
 */
export const anthropic: Format<AnthropicState> = {
  name: "anthropic",
  label: "Anthropic Messages",
  json: true,
  init: initAnthropic,
  step: stepAnthropic,
  finish: finishAnthropic,
};
