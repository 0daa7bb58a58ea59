/**
 * Scripts on the Node side: each runner owns one `worker_threads` Worker running
 * QuickJS (never `node:vm`). A runaway worker is terminated; the host goes on.
 */
import { Worker } from "node:worker_threads";
import { createScriptRunnerOverPort, type SandboxPort } from "../../core/rules/script-client.js";
import { resolveLimits } from "../../core/rules/script-limits.js";
import { mergeScriptOutputs } from "../../core/rules/script-merge.js";
import type {
  SandboxRequest,
  SandboxResponse,
  ScriptEnd,
  ScriptEventInput,
  ScriptLimits,
  ScriptOutput,
  ScriptReady,
  ScriptRunner,
  ScriptStep,
} from "../../core/rules/script-protocol.js";
import { sandboxWorkerUrl } from "./worker-file.js";

/** A Worker port that buffers requests while the worker file is located. */
function workerPort(): SandboxPort {
  let worker: Worker | null = null;
  let terminated = false;
  const buffered: SandboxRequest[] = [];
  let handlers: { onMessage: (r: SandboxResponse) => void; onFailure: (reason: string) => void } | null =
    null;

  sandboxWorkerUrl().then(
    (url) => {
      if (terminated) return;
      // QuickJS's own stack limit is far below this, so deep recursion fails inside the engine.
      worker = new Worker(url, { resourceLimits: { stackSizeMb: 8, maxOldGenerationSizeMb: 512 } });
      worker.on("message", (m: SandboxResponse) => handlers?.onMessage(m));
      worker.on("error", (e) => handlers?.onFailure(e.message));
      worker.on("exit", (code) => {
        if (!terminated) handlers?.onFailure(`worker exited with code ${code}`);
      });
      for (const r of buffered.splice(0)) worker.postMessage(r);
    },
    (error: Error) => handlers?.onFailure(error.message),
  );

  return {
    post(request) {
      if (worker) worker.postMessage(request);
      else buffered.push(request);
    },
    listen(onMessage, onFailure) {
      handlers = { onMessage, onFailure };
    },
    terminate() {
      terminated = true;
      void worker?.terminate();
    },
  };
}

/**
 * Start a post-processor script in a sandbox worker.
 *
 * @example
 * const runner = createScriptRunner('function onEvent(e) { return e.data.toUpperCase() }');
 * const ready = await runner.ready; // ready.problem has syntax errors with line/column
 * const step = await runner.onEvent({ type: "message", data: "hi", id: "", index: 0, t: 0 });
 * step.output; // { content: "HI", reasoning: null }
 * const end = await runner.end();
 * runner.dispose();
 */
export function createScriptRunner(source: string, limits?: Partial<ScriptLimits>): ScriptRunner {
  return createScriptRunnerOverPort(workerPort(), source, resolveLimits(limits));
}

export interface ScriptResult {
  ready: ScriptReady;
  steps: ScriptStep[];
  end: ScriptEnd | null;
  /** The merged reply (step outputs appended, or onEnd's replacement). */
  reply: ScriptOutput & { content: string };
}

/**
 * Run a script over a whole list of events (saved captures, tests).
 * `onStep` sees each result as it arrives (live output, logs, problems).
 */
export async function runScript(
  source: string,
  events: readonly ScriptEventInput[],
  limits?: Partial<ScriptLimits>,
  onStep?: (step: ScriptStep) => void,
): Promise<ScriptResult> {
  const runner = createScriptRunner(source, limits);
  try {
    const ready = await runner.ready;
    const steps: ScriptStep[] = [];
    if (!ready.ok) return { ready, steps, end: null, reply: { content: "", reasoning: null } };
    // Post everything at once (answers come back in order), then collect.
    const pending = events.map((event) => runner.onEvent(event));
    for (const p of pending) {
      const step = await p;
      steps.push(step);
      onStep?.(step);
    }
    const end = await runner.end();
    return { ready, steps, end, reply: mergeScriptOutputs(steps, end) };
  } finally {
    runner.dispose();
  }
}
