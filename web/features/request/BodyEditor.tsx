import { useMemo, useRef } from "react";
import { jsonProblem, prettyJson } from "../../lib/json-text.js";
import { Highlighted } from "../common/JsonView.js";

/**
 * A textarea over a highlighted copy of its text: native editing (undo, IME, selection)
 * with JSON colours, and a validation line that says where the JSON breaks.
 */
export function BodyEditor({
  value,
  onChange,
  label = "Body",
}: {
  value: string;
  onChange: (v: string) => void;
  label?: string;
}) {
  const under = useRef<HTMLPreElement>(null);
  const problem = useMemo(() => jsonProblem(value), [value]);
  const looksJson = /^\s*[[{]/.test(value);
  return (
    <div className="body-editor">
      <div className="body-editor-stack">
        <pre ref={under} className="body-editor-under" aria-hidden="true">
          <Highlighted text={value} />
          {"\n"}
        </pre>
        <textarea
          aria-label={label}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (under.current) {
              under.current.scrollTop = e.currentTarget.scrollTop;
              under.current.scrollLeft = e.currentTarget.scrollLeft;
            }
          }}
        />
      </div>
      <div className="body-editor-status">
        {value.trim() === "" ? (
          <span className="muted">No body</span>
        ) : problem && looksJson ? (
          <span className="bad" role="status">
            Invalid JSON at line {problem.line}, column {problem.column}: {problem.message}
          </span>
        ) : looksJson ? (
          <span className="ok">Valid JSON</span>
        ) : (
          <span className="muted">Text body</span>
        )}
        {looksJson && !problem ? (
          <button type="button" className="link" onClick={() => onChange(prettyJson(value) ?? value)}>
            Format
          </button>
        ) : null}
      </div>
    </div>
  );
}
