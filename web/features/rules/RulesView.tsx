import { useEffect, useMemo, useState } from "react";
import { FORMAT_NAMES, type Format, type FormatName } from "../../../src/core/formats/types.js";
import { parseRule, ruleMark } from "../../../src/core/rules/index.js";
import { contributions } from "../../lib/phase.js";
import { remerge, updateDraft } from "../../state/actions.js";
import { draftStore } from "../../state/app-stores.js";
import { RunModel } from "../../state/run-model.js";
import { useStore } from "../../state/store.js";
import { useRunVersion } from "../../state/use-run.js";
import { BodyEditor } from "../request/BodyEditor.js";
import { ScriptRule } from "./ScriptRule.js";

const EXAMPLE_RULE = `{
  "content": "$.choices[0].delta.content",
  "reasoning": "$.choices[0].delta.reasoning_content"
}`;
const PREVIEW_ROWS = 500;

/**
 * The format selector (overrides detection) and a JSONPath rule editor whose preview
 * re-merges the current capture on every edit, showing what each event yielded.
 */
export function RulesView({ run }: { run: RunModel | null }) {
  const draft = useStore(draftStore);
  const [mode, setMode] = useState<"jsonpath" | "script">(
    draft.rule?.kind === "script" ? "script" : "jsonpath",
  );
  const [text, setText] = useState(() =>
    draft.rule?.kind === "jsonpath" ? JSON.stringify(draft.rule.rule, null, 2) : EXAMPLE_RULE,
  );
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(text), 120);
    return () => clearTimeout(t);
  }, [text]);

  const compiled = useMemo(() => parseRule(debounced), [debounced]);
  const preview = useMemo(() => {
    if (!run || run.streaming || !compiled.ok) return null;
    // Small captures re-merge at once (the preview follows every keystroke); big ones in
    // slices, so editing a rule over 100,000 events never freezes the page.
    return RunModel.fromCapture(
      run.toLoaded(),
      { format: compiled.rule.format as Format },
      { sync: run.events.length <= 5_000 },
    );
  }, [run, compiled, run?.streaming]);

  const formatValue = draft.format ?? "";
  return (
    <section className="rules" aria-label="Rules">
      <div className="rules-bar">
        <label>
          Format{" "}
          <select
            aria-label="Format"
            value={formatValue}
            onChange={(e) => {
              const format = (e.target.value || null) as FormatName | null;
              updateDraft({ format, rule: null });
              remerge(format ? { format } : {});
            }}
          >
            <option value="">Auto-detect{run?.detection ? ` (${run.detection.format})` : ""}</option>
            {FORMAT_NAMES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented">
          <legend className="visually-hidden">Rule kind</legend>
          <label>
            <input
              type="radio"
              name="rule-kind"
              checked={mode === "jsonpath"}
              onChange={() => setMode("jsonpath")}
            />{" "}
            JSONPath rule
          </label>
          <label>
            <input
              type="radio"
              name="rule-kind"
              checked={mode === "script"}
              onChange={() => setMode("script")}
            />{" "}
            Script
          </label>
        </fieldset>
        <span className="muted">
          {draft.rule
            ? `A custom ${draft.rule.kind === "script" ? "script" : "rule"} is saved with this request.`
            : ""}
        </span>
      </div>
      {mode === "script" ? (
        <ScriptRule run={run} initial={draft.rule?.kind === "script" ? draft.rule.source : null} />
      ) : (
        <div className="rules-grid">
          <div className="rules-editor">
            <h3>JSONPath rule</h3>
            <BodyEditor label="Rule" value={text} onChange={setText} />
            {compiled.ok ? null : (
              <ul className="rule-errors" role="alert" aria-label="Rule errors">
                {compiled.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: errors are positional
                  <li key={i}>
                    <code>{e.field}</code>: {e.message}
                    {e.position !== undefined ? ` (at character ${e.position + 1})` : ""}
                  </li>
                ))}
              </ul>
            )}
            <div className="popover-actions">
              <button
                type="button"
                className="primary"
                disabled={!compiled.ok}
                onClick={() => {
                  if (!compiled.ok) return;
                  updateDraft({
                    rule: {
                      kind: "jsonpath",
                      rule: compiled.rule.spec as unknown as Record<string, unknown>,
                    },
                  });
                  remerge({ format: compiled.rule.format as Format });
                }}
              >
                Use this rule
              </button>
              {draft.rule ? (
                <button
                  type="button"
                  onClick={() => {
                    updateDraft({ rule: null });
                    remerge(draft.format ? { format: draft.format } : {});
                  }}
                >
                  Back to built-in formats
                </button>
              ) : null}
            </div>
            <p className="muted">
              Paths are RFC 9535 JSONPath. Fields: <code>content</code>, <code>reasoning</code>,{" "}
              <code>toolName</code>, <code>toolArguments</code>, <code>finishReason</code>,{" "}
              <code>events</code>, <code>when</code>, <code>end</code>. Saved with the request, the rule
              applies to its next runs.
            </p>
          </div>
          <RulePreview run={run} preview={preview} />
        </div>
      )}
    </section>
  );
}

function RulePreview({ run, preview }: { run: RunModel | null; preview: RunModel | null }) {
  useRunVersion(preview);
  if (!run) return <p className="empty muted">Send a request first: the rule is previewed on its capture.</p>;
  if (run.streaming) return <p className="empty muted">The preview runs when the stream has ended.</p>;
  if (!preview) return <p className="empty muted">Fix the rule to see the preview.</p>;
  const merged = preview.merged();
  const choice = merged?.choices[0];
  let unmatched = 0;
  for (const d of preview.deltas) if (ruleMark(d)) unmatched++;
  return (
    <section className="rule-preview" aria-label="Rule preview">
      <h3>Preview</h3>
      <div className="muted">
        {preview.events.length} events · {preview.events.length - unmatched} extracted · {unmatched} yielded
        nothing
      </div>
      {choice?.reasoning ? (
        <div className="preview-thinking">
          <strong>Thinking:</strong> {choice.reasoning}
        </div>
      ) : null}
      <div className="preview-content">
        {choice?.content ? choice.content : <span className="muted">(no content extracted)</span>}
      </div>
      <table className="preview-table">
        <thead>
          <tr>
            <th>#</th>
            <th>type</th>
            <th>extracted</th>
          </tr>
        </thead>
        <tbody>
          {preview.events.slice(0, PREVIEW_ROWS).map((e, i) => {
            const deltas = preview.deltas[i] ?? [];
            const mark = ruleMark(deltas);
            return (
              <tr key={e.index} className={mark ? "no-match" : ""}>
                <td className="mono">{e.index}</td>
                <td className="mono">{e.type}</td>
                <td className="mono">
                  {mark
                    ? `nothing (${mark.reason})`
                    : contributions(deltas)
                        .filter((c) => c.part !== "meta")
                        .map((c) => c.text)
                        .join(" · ")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {preview.events.length > PREVIEW_ROWS ? (
        <div className="muted">first {PREVIEW_ROWS} events shown</div>
      ) : null}
    </section>
  );
}
