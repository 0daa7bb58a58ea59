/**
 * The inside of a sandbox worker, the same for Node and the browser: it answers
 * protocol requests with one engine. The worker file only wires its message port
 * and says how to load QuickJS with a capped WebAssembly memory.
 */
import type { QuickJSWASMModule } from "quickjs-emscripten";
import { createScriptEngine, type ScriptEngine } from "./script-engine.js";
import { wasmMemoryPages } from "./script-limits.js";
import type { SandboxRequest, SandboxResponse, ScriptLimits } from "./script-protocol.js";

/** Load a fresh QuickJS module whose WebAssembly memory has at most `maxPages` 64 KiB pages. */
export type QuickJSLoader = (maxPages: number, limits: ScriptLimits) => Promise<QuickJSWASMModule>;

/**
 * A request handler for one script. Requests must be handled one at a time, in order.
 *
 * @example
 * const handle = createSandboxHandler(loadQuickJS);
 * port.onmessage = async (m) => port.postMessage(await handle(m.data));
 */
export function createSandboxHandler(
  load: QuickJSLoader,
): (request: SandboxRequest) => Promise<SandboxResponse> {
  let engine: ScriptEngine | null = null;
  return async (request) => {
    switch (request.op) {
      case "init": {
        try {
          const qjs = await load(wasmMemoryPages(request.limits), request.limits);
          engine = createScriptEngine(qjs, request.source, request.limits);
        } catch (error) {
          return {
            id: request.id,
            op: "init",
            result: {
              ok: false,
              hasOnEnd: false,
              logs: [],
              problem: {
                kind: "setup",
                message: `could not start the script sandbox: ${(error as Error).message}`,
              },
            },
          };
        }
        return { id: request.id, op: "init", result: engine.init() };
      }
      case "event":
        return {
          id: request.id,
          op: "event",
          result: engine
            ? engine.onEvent(request.event)
            : { event: request.event.index, output: null, logs: [], problem: null, stopped: true },
        };
      case "end":
        return {
          id: request.id,
          op: "end",
          result: engine ? engine.end() : { output: null, logs: [], problem: null, stopped: true },
        };
    }
  };
}
