/**
 * The host side of a sandbox: a `ScriptRunner` over any message port (a Node
 * Worker or a Web Worker). It keeps calls in order and holds a watchdog: if the
 * worker does not answer in time (a native operation the interrupt handler cannot
 * reach), it is terminated and the script reported as stopped. The host goes on.
 */
import { LOAD_FACTOR } from "./script-messages.js";
import type {
  SandboxRequest,
  SandboxResponse,
  ScriptEnd,
  ScriptEventInput,
  ScriptLimits,
  ScriptProblem,
  ScriptReady,
  ScriptRunner,
  ScriptStep,
} from "./script-protocol.js";

/** What a runner needs from a worker. */
export interface SandboxPort {
  post(request: SandboxRequest): void;
  /** Register the handlers for answers and for the worker failing (error event, unexpected exit). */
  listen(onMessage: (response: SandboxResponse) => void, onFailure: (reason: string) => void): void;
  terminate(): void;
}

/** Extra time the host grants past a call's own deadline before it terminates the worker. */
export const WATCHDOG_GRACE_MS = 2_000;
/** Time to start the worker and compile the WebAssembly engine, before the script's own load time. */
export const STARTUP_MS = 15_000;

interface Pending {
  request: SandboxRequest;
  resolve: (response: SandboxResponse["result"]) => void;
}

/**
 * Start `source` in the sandbox behind `port`.
 *
 * @example
 * const runner = createScriptRunnerOverPort(port, source, resolveLimits());
 * const ready = await runner.ready;
 * const step = await runner.onEvent({ type: "message", data: "hi", id: "", index: 0, t: null });
 */
export function createScriptRunnerOverPort(
  port: SandboxPort,
  source: string,
  limits: ScriptLimits,
): ScriptRunner {
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const stoppedResult = (
    request: SandboxRequest,
    problem: ScriptProblem | null,
  ): SandboxResponse["result"] => {
    if (request.op === "init") {
      return {
        ok: false,
        hasOnEnd: false,
        logs: [],
        problem: problem ?? { kind: "setup", message: "sandbox closed" },
      };
    }
    if (request.op === "event") {
      return { event: request.event.index, output: null, logs: [], problem, stopped: true };
    }
    return { output: null, logs: [], problem, stopped: true };
  };

  const shutdown = (problem: ScriptProblem | null): void => {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    timer = null;
    port.terminate();
    // The first pending call reports why; the rest are simply stopped.
    let first = true;
    for (const p of queue.splice(0)) {
      p.resolve(stoppedResult(p.request, first ? problem : null));
      first = false;
    }
  };

  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    const head = queue[0];
    if (!head || closed) return;
    const ms =
      head.request.op === "init"
        ? STARTUP_MS + limits.perCallMs * LOAD_FACTOR
        : limits.perCallMs + WATCHDOG_GRACE_MS;
    timer = setTimeout(() => {
      const where =
        head.request.op === "event"
          ? `at event ${head.request.event.index}`
          : head.request.op === "end"
            ? "in onEnd"
            : "while loading the script";
      shutdown({
        kind: "limit",
        limit: "unresponsive",
        message: `script stopped: the sandbox did not answer within ${ms} ms ${where} and was terminated`,
        ...(head.request.op === "event" ? { event: head.request.event.index } : {}),
      });
    }, ms);
  };

  port.listen(
    (response) => {
      const head = queue.shift();
      if (!head || head.request.id !== response.id) {
        shutdown({ kind: "setup", message: `sandbox protocol error: unexpected answer ${response.id}` });
        return;
      }
      head.resolve(response.result);
      const stopped = "stopped" in response.result ? response.result.stopped : !response.result.ok;
      // A stopped engine is never used again: free its worker (and its memory) now.
      if (stopped) shutdown(null);
      else arm();
    },
    (reason) => {
      shutdown({ kind: "limit", limit: "crash", message: `script stopped: the sandbox failed (${reason})` });
    },
  );

  function send(request: SandboxRequest): Promise<SandboxResponse["result"]> {
    if (closed) return Promise.resolve(stoppedResult(request, null));
    return new Promise((resolve) => {
      queue.push({ request, resolve });
      port.post(request);
      if (queue.length === 1) arm();
    });
  }

  const ready = send({ id: nextId++, op: "init", source, limits }) as Promise<ScriptReady>;
  return {
    ready,
    onEvent: (event: ScriptEventInput) => send({ id: nextId++, op: "event", event }) as Promise<ScriptStep>,
    end: () => send({ id: nextId++, op: "end" }) as Promise<ScriptEnd>,
    dispose: () => shutdown(null),
  };
}
