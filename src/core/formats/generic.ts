/**
 * The generic view for a stream no built-in format knows: events are shown as they
 * are, nothing is merged. A clean end of the body counts as the stream's end.
 */
import type { Format } from "./types.js";

interface GenericState {
  hinted: boolean;
}

const HINT =
  "This stream matches no built-in format. Teach sselens how to merge it with a JSONPath rule (--path, --rules) or a script (--script).";

export const generic: Format<GenericState> = {
  name: "sse",
  label: "Generic event stream",
  json: false,
  init: () => ({ hinted: false }),
  step(state, event) {
    const first = event.data.trimStart()[0];
    if (!state.hinted && (first === "{" || first === "[")) {
      state.hinted = true;
      return [{ kind: "note", text: HINT }];
    }
    return [];
  },
  finish: () => [{ kind: "end" }],
};
