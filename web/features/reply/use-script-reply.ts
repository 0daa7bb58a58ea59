import { useEffect, useState } from "react";
import type { ScriptProblem } from "../../../src/core/rules/script-protocol.js";
import type { RunModel } from "../../state/run-model.js";

export interface ScriptReply {
  content: string;
  reasoning: string | null;
  problems: ScriptProblem[];
}

const results = new WeakMap<RunModel, ScriptReply>();

/**
 * The reply a request's saved script makes of a finished run, computed once per run in the
 * sandboxed worker (never in the page's own JavaScript). Null while it runs, or without a script.
 */
export function useScriptReply(run: RunModel | null): ScriptReply | null {
  const [, setDone] = useState(0);
  const source = run?.script ?? null;
  const ended = run !== null && !run.streaming;
  useEffect(() => {
    if (!run || !source || !ended || results.has(run)) return;
    const ac = new AbortController();
    void (async () => {
      const { runBrowserScript } = await import("../../sandbox/index.js");
      const r = await runBrowserScript(source, run.events, { signal: ac.signal });
      if (ac.signal.aborted) return;
      const problems = [r.ready.problem, ...r.steps.map((s) => s.problem), r.end?.problem].filter(
        (p): p is ScriptProblem => !!p,
      );
      results.set(run, { content: r.reply.content, reasoning: r.reply.reasoning, problems });
      setDone((n) => n + 1);
    })().catch(() => {});
    return () => ac.abort();
  }, [run, source, ended]);
  return run ? (results.get(run) ?? null) : null;
}
