/**
 * A whole capture through a script in the page, for the Rules panel's live
 * preview: every event's result as it arrives, then the merged reply.
 */
import { mergeScriptOutputs } from "../../src/core/rules/script-merge.js";
import type {
  ScriptEnd,
  ScriptEventInput,
  ScriptLimits,
  ScriptOutput,
  ScriptReady,
  ScriptStep,
} from "../../src/core/rules/script-protocol.js";
import { createBrowserScriptRunner } from "./client.js";

export interface BrowserScriptResult {
  ready: ScriptReady;
  steps: ScriptStep[];
  end: ScriptEnd | null;
  reply: ScriptOutput & { content: string };
}

/**
 * Run `source` over `events`. `signal` cancels (the worker is terminated at once,
 * e.g. when the user edits the script again).
 *
 * @example
 * const ac = new AbortController();
 * const result = await runBrowserScript(source, events, {
 *   signal: ac.signal,
 *   onReady: (r) => showLoadProblem(r.problem),
 *   onStep: (s) => mark(s),
 * });
 */
export async function runBrowserScript(
  source: string,
  events: readonly ScriptEventInput[],
  options: {
    limits?: Partial<ScriptLimits>;
    /** The script loaded (or not: `ready.problem` has the syntax error with its line). */
    onReady?: (ready: ScriptReady) => void;
    onStep?: (step: ScriptStep) => void;
    signal?: AbortSignal;
  } = {},
): Promise<BrowserScriptResult> {
  const runner = createBrowserScriptRunner(source, options.limits);
  const stop = () => runner.dispose();
  options.signal?.addEventListener("abort", stop, { once: true });
  try {
    const ready = await runner.ready;
    options.onReady?.(ready);
    const steps: ScriptStep[] = [];
    if (!ready.ok) return { ready, steps, end: null, reply: { content: "", reasoning: null } };
    const pending = events.map((e) =>
      runner.onEvent({ type: e.type, data: e.data, id: e.id, index: e.index, t: e.t }),
    );
    for (const p of pending) {
      const step = await p;
      steps.push(step);
      options.onStep?.(step);
    }
    const end = await runner.end();
    return { ready, steps, end, reply: mergeScriptOutputs(steps, end) };
  } finally {
    options.signal?.removeEventListener("abort", stop);
    runner.dispose();
  }
}
