/**
 * Reading what a script returns without trusting it: every value is inspected
 * through helpers captured before the script ran (`kind`, `cut`), strings are
 * bounded before they are copied out of the engine, and a wrong shape becomes
 * a `return-type` problem that says what came back.
 */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten";
import { type Where, whereEvent, whereText } from "./script-messages.js";
import type { ScriptLimits, ScriptOutput, ScriptProblem } from "./script-protocol.js";

// Evaluated before the user's script: it captures the built-ins the host relies on,
// so a script that overwrites JSON or String.prototype only breaks itself.
export const BOOTSTRAP = `(() => {
  "use strict";
  const parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray;
  const slice = String.prototype.slice, Str = String, P = Promise;
  const cut = (s, n) => slice.call(s, 0, n);
  return {
    event(text) {
      const e = parse(text);
      try { e.json = parse(e.data); } catch { e.json = undefined; }
      return e;
    },
    kind(x) {
      if (x === null) return "null";
      if (isArray(x)) return "array";
      if (x instanceof P) return "promise";
      return typeof x;
    },
    cut,
    show(x, n) {
      if (typeof x === "string") return cut(x, n);
      try { const s = stringify(x); return cut(s === undefined ? Str(x) : s, n); }
      catch { try { return cut(Str(x), n); } catch { return "[unprintable]"; } }
    },
  };
})()`;

/** Handles to the bootstrap's functions. */
export interface Helpers {
  event: QuickJSHandle;
  kind: QuickJSHandle;
  cut: QuickJSHandle;
  show: QuickJSHandle;
}

/** A call into the VM: the result handle, or `{error}` with the thrown value's handle. */
export type Call = (fn: QuickJSHandle, ...args: QuickJSHandle[]) => QuickJSHandle | { error: QuickJSHandle };

/** Readers bound to one context. They throw `{error}` when the script's code throws while being read. */
export function createValueReader(vm: QuickJSContext, helpers: Helpers, call: Call, limits: ScriptLimits) {
  const kindOf = (h: QuickJSHandle): string => {
    const r = call(helpers.kind, h);
    if ("error" in r) throw r;
    const k = vm.getString(r);
    r.dispose();
    return k;
  };

  /** Read a string handle, at most `max` characters. */
  const readString = (h: QuickJSHandle, max: number): { text: string; cut: number | null } => {
    const lenHandle = vm.getProp(h, "length");
    const length = vm.getNumber(lenHandle);
    lenHandle.dispose();
    if (length <= max) return { text: vm.getString(h), cut: null };
    const n = vm.newNumber(max);
    const r = call(helpers.cut, h, n);
    n.dispose();
    if ("error" in r) throw r;
    const text = vm.getString(r);
    r.dispose();
    return { text, cut: length };
  };

  /** Validate and read what onEvent/onEnd returned. */
  const readOutput = (
    h: QuickJSHandle,
    fnName: string,
    where: Where,
  ): { output: ScriptOutput | null; problem: ScriptProblem | null } => {
    const v = vm;
    const wrong = (what: string): { output: null; problem: ScriptProblem } => ({
      output: null,
      problem: {
        kind: "return-type",
        message: `${fnName} returned ${what} ${whereText(where)}; expected a string, {content, reasoning} or null`,
        ...whereEvent(where),
      },
    });
    let budget = limits.maxOutputChars;
    let truncated: number | null = null;
    const field = (value: QuickJSHandle): string | null => {
      const { text, cut } = readString(value, budget);
      if (cut !== null) truncated = cut;
      budget -= text.length;
      return text;
    };
    const kind = kindOf(h);
    let output: ScriptOutput | null = null;
    if (kind === "undefined" || kind === "null") return { output: null, problem: null };
    if (kind === "string") output = { content: field(h), reasoning: null };
    else if (kind === "promise") return wrong("a Promise (is it async?)");
    else if (kind === "array") return wrong("an array");
    else if (kind !== "object") return wrong(`a ${kind}`);
    else {
      const parts: Partial<ScriptOutput> = {};
      for (const key of ["content", "reasoning"] as const) {
        const ph = v.getProp(h, key);
        try {
          const k = kindOf(ph);
          if (k === "string") parts[key] = field(ph);
          else if (k !== "undefined" && k !== "null") return wrong(`{${key}: ${k}}`);
        } finally {
          ph.dispose();
        }
      }
      if (parts.content === undefined && parts.reasoning === undefined) {
        return wrong("an object without `content` or `reasoning`");
      }
      output = { content: parts.content ?? null, reasoning: parts.reasoning ?? null };
    }
    if (truncated === null) return { output, problem: null };
    return {
      output,
      problem: {
        kind: "limit",
        limit: "output",
        message: `${fnName} returned ${truncated} characters ${whereText(where)}; kept the first ${limits.maxOutputChars} (the per-call output limit)`,
        ...whereEvent(where),
      },
    };
  };

  return { kindOf, readOutput };
}
