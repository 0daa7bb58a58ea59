import { useEffect, useRef, useState } from "react";
import type { ScriptProblem, ScriptStep } from "../../../src/core/rules/script-protocol.js";
import type { BrowserScriptResult } from "../../sandbox/index.js";
import { remerge, updateDraft } from "../../state/actions.js";
import type { RunModel } from "../../state/run-model.js";
import { EXAMPLE_SCRIPT } from "./example-script.js";

const PREVIEW_ROWS = 500;

function problemText(p: ScriptProblem): string {
  const where =
    p.line !== undefined ? ` (line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ""})` : "";
  const at = p.event !== undefined ? ` at event #${p.event}` : "";
  return `${p.kind === "limit" ? `limit ${p.limit ?? ""}: ` : ""}${p.message}${where}${at}`;
}

/**
 * A post-processor script, previewed over the current capture in the sandbox (QuickJS in a
 * Web Worker, never the page's own JavaScript). Each edit cancels the previous preview.
 */
export function ScriptRule({ run, initial }: { run: RunModel | null; initial: string | null }) {
  const [source, setSource] = useState(initial ?? EXAMPLE_SCRIPT);
  const [result, setResult] = useState<BrowserScriptResult | null>(null);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Bumped to run the preview again (the button, or one automatic retry when the sandbox
  // itself did not start in time, e.g. on a busy machine).
  const [attempt, setAttempt] = useState(0);
  const retriedFor = useRef<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the preview on request
  useEffect(() => {
    if (!run || run.streaming) return;
    const ac = new AbortController();
    const timer = setTimeout(async () => {
      setRunning(true);
      try {
        // The sandbox (worker + WebAssembly) loads only when a script is previewed.
        const { runBrowserScript } = await import("../../sandbox/index.js");
        const r = await runBrowserScript(source, run.events, { signal: ac.signal });
        if (ac.signal.aborted) return;
        const startup = r.ready.problem?.limit;
        if (
          !r.ready.ok &&
          (startup === "unresponsive" || startup === "crash") &&
          retriedFor.current !== source
        ) {
          retriedFor.current = source;
          setAttempt((n) => n + 1);
          return;
        }
        setResult(r);
        setFailure(null);
      } catch (e) {
        if (!ac.signal.aborted) setFailure(e instanceof Error ? e.message : String(e));
      } finally {
        if (!ac.signal.aborted) setRunning(false);
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [source, run, run?.streaming, attempt]);

  const problems = [
    result?.ready.problem,
    ...(result?.steps.map((s) => s.problem) ?? []),
    result?.end?.problem,
  ].filter((p): p is ScriptProblem => !!p);
  return (
    <div className="rules-grid">
      <div className="rules-editor">
        <h3>Script</h3>
        <textarea
          className="script-editor"
          aria-label="Script"
          spellCheck={false}
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        {problems.length > 0 || failure ? (
          <ul className="rule-errors" role="alert" aria-label="Script problems">
            {failure ? <li>{failure}</li> : null}
            {problems.slice(0, 5).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems are positional
              <li key={i}>{problemText(p)}</li>
            ))}
          </ul>
        ) : null}
        <div className="popover-actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              updateDraft({ rule: { kind: "script", source } });
              remerge({ script: source });
            }}
          >
            Use this script
          </button>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Run again
          </button>
        </div>
        <p className="muted">
          Runs in a sandbox: no network, files or timers; about 100 ms per call and 64 MB of memory.{" "}
          <code>console.log</code> output shows beside the event.
        </p>
      </div>
      <ScriptPreview run={run} result={result} running={running} />
    </div>
  );
}

function stepText(s: ScriptStep): string {
  if (s.problem) return `error: ${s.problem.message}`;
  const parts: string[] = [];
  if (s.output?.reasoning) parts.push(`thinking: ${s.output.reasoning}`);
  if (s.output?.content) parts.push(s.output.content);
  return parts.length ? parts.join(" · ") : "nothing";
}

function ScriptPreview({
  run,
  result,
  running,
}: {
  run: RunModel | null;
  result: BrowserScriptResult | null;
  running: boolean;
}) {
  if (!run)
    return <p className="empty muted">Send a request first: the script is previewed on its capture.</p>;
  if (run.streaming) return <p className="empty muted">The preview runs when the stream has ended.</p>;
  return (
    <section className="rule-preview" aria-label="Script preview">
      <h3>Preview {running ? <span className="muted">(running…)</span> : null}</h3>
      {result?.reply.reasoning ? (
        <div className="preview-thinking">
          <strong>Thinking:</strong> {result.reply.reasoning}
        </div>
      ) : null}
      <div className="preview-content">
        {result?.reply.content ? result.reply.content : <span className="muted">(no content)</span>}
      </div>
      <table className="preview-table">
        <thead>
          <tr>
            <th>#</th>
            <th>result</th>
            <th>console</th>
          </tr>
        </thead>
        <tbody>
          {(result?.steps ?? []).slice(0, PREVIEW_ROWS).map((s) => (
            <tr key={s.event} className={s.problem ? "no-match" : !s.output ? "no-match" : ""}>
              <td className="mono">{s.event}</td>
              <td className="mono">{stepText(s)}</td>
              <td className="mono">{s.logs.map((l) => l.text).join(" | ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
