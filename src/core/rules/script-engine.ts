/**
 * The script engine: a user's `onEvent`/`onEnd` run inside QuickJS (a separate
 * JavaScript engine compiled to WebAssembly). It runs inside a worker (Node
 * `worker_threads` or a Web Worker); this file is the same in both.
 *
 * The script's global scope holds only ECMAScript built-ins and `console`: no
 * `process`, `require`, `import()` loader, `fetch`, timers, file system or network.
 * Pending jobs are never run, so promises never settle. Limits: a deadline per call
 * and a total budget (interrupt handler), the QuickJS heap and stack limits, and a
 * capped WebAssembly memory (set up by the caller when it creates `qjs`).
 *
 * Nothing the script returns is trusted: values are read through `typeof`, bounded
 * strings and numbers. Handles are released after each call; once a limit is hit
 * the engine is stopped and its worker should be thrown away.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten";
import { MAX_LOG_CHARS } from "./script-limits.js";
import { describeThrown, LOAD_FACTOR, limitMessage, type Where, whereEvent } from "./script-messages.js";
import type {
  ScriptEnd,
  ScriptEventInput,
  ScriptLimitName,
  ScriptLimits,
  ScriptLog,
  ScriptProblem,
  ScriptReady,
  ScriptStep,
} from "./script-protocol.js";
import { BOOTSTRAP, createValueReader, type Helpers } from "./script-values.js";

/** The synchronous engine a sandbox worker drives. */
export interface ScriptEngine {
  init(): ScriptReady;
  onEvent(event: ScriptEventInput): ScriptStep;
  end(): ScriptEnd;
  /** Free the runtime (best effort: a runtime that hit a limit may refuse). */
  dispose(): void;
}

const SCRIPT_FILE = "script.js";

/**
 * Create an engine for `source` on a QuickJS module. The caller owns `qjs` (one
 * per worker, created with a capped WebAssembly memory).
 */
export function createScriptEngine(
  qjs: QuickJSWASMModule,
  source: string,
  limits: ScriptLimits,
): ScriptEngine {
  let rt: QuickJSRuntime | null = null;
  let vm: QuickJSContext | null = null;
  let helpers: Helpers | null = null;
  let reader: ReturnType<typeof createValueReader> | null = null;
  let onEventFn: QuickJSHandle | null = null;
  let onEndFn: QuickJSHandle | null = null;
  let state: QuickJSHandle | null = null;
  let stopped = false;
  let spent = 0;
  let deadline = Number.POSITIVE_INFINITY;
  let callStart = 0;
  let callLimit: "time" | "budget" = "time";
  let logs: ScriptLog[] = [];
  let droppedLogs = 0;

  const begin = (factor = 1): void => {
    logs = [];
    droppedLogs = 0;
    callStart = Date.now();
    const perCall = limits.perCallMs * factor;
    const left = limits.totalMs - spent;
    callLimit = left <= perCall ? "budget" : "time";
    deadline = callStart + Math.min(left, perCall);
  };

  const endCall = (): ScriptLog[] => {
    spent += Date.now() - callStart;
    deadline = Number.POSITIVE_INFINITY;
    if (droppedLogs > 0)
      logs.push({ level: "warn", text: `[sselens] ${droppedLogs} more console lines dropped` });
    return logs;
  };

  const stop = (limit: ScriptLimitName, where: Where): ScriptProblem => {
    stopped = true;
    return { kind: "limit", limit, message: limitMessage(limit, limits, where), ...whereEvent(where) };
  };

  /** Turn a thrown VM value into a problem; stops the engine when it names a limit. */
  const problemFrom = (errorHandle: QuickJSHandle, where: Where): ScriptProblem => {
    let dumped: unknown;
    try {
      // Reading the value may run the script's code (getters): give it a fresh deadline.
      deadline = Date.now() + limits.perCallMs;
      dumped = vm!.dump(errorHandle);
    } catch {
      dumped = "(a value that could not be read)";
    } finally {
      errorHandle.dispose();
    }
    const thrown = describeThrown(dumped, where, SCRIPT_FILE);
    if (thrown === "interrupted") return stop(callLimit, where);
    if (thrown === "memory" || thrown === "stack") return stop(thrown, where);
    return thrown;
  };

  /** A host-side failure inside the engine (e.g. the WebAssembly stack overflowed): stop. */
  const crash = (error: unknown, where: Where): ScriptProblem => {
    if (error instanceof RangeError) return stop("stack", where);
    const problem = stop(/memory/i.test(String(error)) ? "memory" : "crash", where);
    return {
      ...problem,
      message: `${problem.message} (${error instanceof Error ? error.message : String(error)})`,
    };
  };

  const call = (fn: QuickJSHandle, ...args: QuickJSHandle[]): QuickJSHandle | { error: QuickJSHandle } => {
    const r = vm!.callFunction(fn, vm!.undefined, ...args);
    return r.error ? { error: r.error } : r.value;
  };

  const installConsole = (v: QuickJSContext): void => {
    const consoleObj = v.newObject();
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      const fn = v.newFunction(level, (...args) => {
        if (logs.length >= limits.maxLogLines) {
          droppedLogs++;
          return;
        }
        const parts: string[] = [];
        const max = v.newNumber(MAX_LOG_CHARS);
        for (const arg of args) {
          const r = call(helpers!.show, arg, max);
          if ("error" in r) {
            r.error.dispose();
            parts.push("[unprintable]");
          } else {
            parts.push(v.getString(r));
            r.dispose();
          }
        }
        max.dispose();
        logs.push({ level, text: parts.join(" ").slice(0, MAX_LOG_CHARS) });
      });
      v.setProp(consoleObj, level, fn);
      fn.dispose();
    }
    v.setProp(v.global, "console", consoleObj);
    consoleObj.dispose();
  };

  /** A global function of the script by name (function declarations and `const` bindings both count). */
  const lookup = (name: string): QuickJSHandle | null => {
    const r = vm!.evalCode(`typeof ${name} === "function" ? ${name} : typeof ${name}`, "sselens-lookup.js");
    if (r.error) throw r;
    if (vm!.typeof(r.value) === "function") return r.value;
    const what = vm!.getString(r.value);
    r.value.dispose();
    if (what === "undefined") return null;
    throw new TypeError(`${name} is a ${what}, not a function`);
  };

  function init(): ScriptReady {
    const fail = (problem: ScriptProblem): ScriptReady => {
      stopped = true;
      return { ok: false, hasOnEnd: false, logs: endCall(), problem };
    };
    try {
      rt = qjs.newRuntime();
      rt.setMemoryLimit(limits.memoryBytes);
      rt.setMaxStackSize(limits.stackBytes);
      rt.setInterruptHandler(() => Date.now() > deadline);
      vm = rt.newContext();
      const boot = vm.unwrapResult(vm.evalCode(BOOTSTRAP, "sselens-bootstrap.js"));
      helpers = {
        event: vm.getProp(boot, "event"),
        kind: vm.getProp(boot, "kind"),
        cut: vm.getProp(boot, "cut"),
        show: vm.getProp(boot, "show"),
      };
      boot.dispose();
      reader = createValueReader(vm, helpers, call, limits);
      installConsole(vm);
      // Top-level code (parsing included) gets LOAD_FACTOR times the per-call deadline.
      begin(LOAD_FACTOR);
      const r = vm.evalCode(source, SCRIPT_FILE, { type: "global" });
      if (r.error) return fail(problemFrom(r.error, "load"));
      r.value.dispose();
      try {
        onEventFn = lookup("onEvent");
        onEndFn = lookup("onEnd");
      } catch (error) {
        if (error instanceof TypeError)
          return fail({ kind: "setup", message: `the script's ${error.message}` });
        return fail(problemFrom((error as { error: QuickJSHandle }).error, "load"));
      }
      if (!onEventFn) {
        return fail({ kind: "setup", message: "the script must define function onEvent(event, state)" });
      }
      state = vm.newObject();
      return { ok: true, hasOnEnd: onEndFn !== null, logs: endCall(), problem: null };
    } catch (error) {
      return fail(crash(error, "load"));
    }
  }

  function onEvent(event: ScriptEventInput): ScriptStep {
    const where: Where = { event: event.index };
    const none = (problem: ScriptProblem | null, logsOut: ScriptLog[] = []): ScriptStep => ({
      event: event.index,
      output: null,
      logs: logsOut,
      problem,
      stopped,
    });
    if (stopped || !vm || !onEventFn || !state) return none(null);
    if (spent >= limits.totalMs) return none(stop("budget", where));
    begin();
    try {
      const text = vm.newString(JSON.stringify(event));
      const ev = call(helpers!.event, text);
      text.dispose();
      if ("error" in ev) return none(problemFrom(ev.error, where), endCall());
      const r = call(onEventFn, ev, state);
      ev.dispose();
      if ("error" in r) return none(problemFrom(r.error, where), endCall());
      try {
        const { output, problem } = reader!.readOutput(r, "onEvent", where);
        return { event: event.index, output, logs: endCall(), problem, stopped };
      } finally {
        r.dispose();
      }
    } catch (error) {
      if (typeof error === "object" && error !== null && "error" in error) {
        return none(problemFrom((error as { error: QuickJSHandle }).error, where), endCall());
      }
      return none(crash(error, where), endCall());
    }
  }

  function end(): ScriptEnd {
    const none = (problem: ScriptProblem | null, logsOut: ScriptLog[] = []): ScriptEnd => ({
      output: null,
      logs: logsOut,
      problem,
      stopped,
    });
    if (stopped || !vm || !state) return none(null);
    if (!onEndFn) return none(null);
    if (spent >= limits.totalMs) return none(stop("budget", "end"));
    begin();
    try {
      const r = call(onEndFn, state);
      if ("error" in r) return none(problemFrom(r.error, "end"), endCall());
      try {
        const { output, problem } = reader!.readOutput(r, "onEnd", "end");
        return { output, logs: endCall(), problem, stopped };
      } finally {
        r.dispose();
      }
    } catch (error) {
      if (typeof error === "object" && error !== null && "error" in error) {
        return none(problemFrom((error as { error: QuickJSHandle }).error, "end"), endCall());
      }
      return none(crash(error, "end"), endCall());
    }
  }

  function dispose(): void {
    try {
      for (const h of [onEventFn, onEndFn, state, ...(helpers ? Object.values(helpers) : [])]) h?.dispose();
      vm?.dispose();
      rt?.dispose();
    } catch {
      // A runtime stopped mid-call may still hold objects; its worker is discarded anyway.
    }
    vm = null;
    rt = null;
  }

  return { init, onEvent, end, dispose };
}
