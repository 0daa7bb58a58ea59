/**
 * Scripts in the page: each runner owns one Web Worker running QuickJS, with the
 * same protocol, limits and watchdog as the Node side. The page's UI calls this,
 * never the engine directly.
 */
import { createScriptRunnerOverPort, type SandboxPort } from "../../src/core/rules/script-client.js";
import { resolveLimits } from "../../src/core/rules/script-limits.js";
import type { ScriptLimits, ScriptRunner } from "../../src/core/rules/script-protocol.js";

function webWorkerPort(): SandboxPort {
  const worker = new Worker(new URL("./sandbox.worker.ts", import.meta.url), {
    type: "module",
    name: "sselens-sandbox",
  });
  return {
    post: (request) => worker.postMessage(request),
    listen(onMessage, onFailure) {
      worker.onmessage = (m) => onMessage(m.data);
      worker.onerror = (e) => {
        e.preventDefault();
        onFailure(e.message || "the sandbox worker failed to start");
      };
      worker.onmessageerror = () => onFailure("a message from the sandbox could not be read");
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Start a post-processor script in a sandboxed Web Worker.
 *
 * @example
 * const runner = createBrowserScriptRunner(source);
 * const ready = await runner.ready;            // syntax errors: ready.problem (line, column)
 * for (const ev of events) show(await runner.onEvent({ type: ev.type, data: ev.data, id: ev.id, index: ev.index, t: ev.t }));
 * const end = await runner.end();              // end.output replaces the reply when not null
 * runner.dispose();                            // always: frees the worker
 */
export function createBrowserScriptRunner(source: string, limits?: Partial<ScriptLimits>): ScriptRunner {
  return createScriptRunnerOverPort(webWorkerPort(), source, resolveLimits(limits));
}
