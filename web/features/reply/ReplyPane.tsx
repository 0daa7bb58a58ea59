import { lazy, useState } from "react";
import type { Choice, MergedReply } from "../../../src/core/formats/types.js";
import { prettyJson } from "../../lib/json-text.js";
import type { RunModel } from "../../state/run-model.js";
import { useStore } from "../../state/store.js";
import { Highlighted } from "../common/JsonView.js";
import { LazyPane } from "../common/LazyPane.js";
import { choiceStore } from "./choice-store.js";
import { PlainText } from "./PlainText.js";
import { useScriptReply } from "./use-script-reply.js";

// marked and DOMPurify load with the first reply; until then its text shows as plain text.
const Markdown = lazy(() => import("./Markdown.js").then((m) => ({ default: m.Markdown })));

/** The merged answer, growing live: Markdown or plain text, tool calls, refusal, citations, finish and usage. */
export function ReplyPane({ run }: { run: RunModel | null }) {
  const [plain, setPlain] = useState(false);
  const choiceIndex = useStore(choiceStore);
  const merged = run?.merged() ?? null;
  const script = useScriptReply(run);
  const choices = merged?.choices ?? [];
  const found = choices.find((c) => c.index === choiceIndex) ?? choices[0];
  // A saved script's reply replaces the format's merge (it is what the user asked for).
  const choice = script && found ? { ...found, content: script.content, reasoning: script.reasoning } : found;
  const streaming = run?.streaming ?? false;
  return (
    <section className="reply" aria-label="Reply">
      <header className="pane-head">
        <strong>Reply</strong>
        {choices.length > 1 ? (
          <div className="choice-tabs" role="tablist" aria-label="Choices">
            {choices.map((c) => (
              <button
                key={c.index}
                type="button"
                role="tab"
                aria-selected={c.index === choice?.index}
                onClick={() => choiceStore.set(c.index)}
              >
                Choice {c.index}
              </button>
            ))}
          </div>
        ) : null}
        {run?.script ? (
          <span className="badge" title="This request's saved script merged the reply">
            {script ? "merged by script" : "running script…"}
          </span>
        ) : null}
        <span className="spacer" />
        <button type="button" className="link" aria-pressed={plain} onClick={() => setPlain(!plain)}>
          {plain ? "Markdown" : "Plain text"}
        </button>
      </header>
      <div className="pane-body reply-body">
        {choice ? <ChoiceView choice={choice} plain={plain} streaming={streaming} /> : null}
        {!choice ? (
          <span className="muted">
            {run
              ? streaming
                ? "Waiting for the answer…"
                : "No answer in this stream."
              : "The merged answer grows here as events arrive."}
          </span>
        ) : null}
        {script?.problems.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems are positional
          <div key={i} className="refusal">
            Script: {p.message}
            {p.line !== undefined ? ` (line ${p.line})` : ""}
            {p.event !== undefined ? ` at event #${p.event}` : ""}
          </div>
        ))}
        {merged ? <ReplyFooter merged={merged} choice={choice} /> : null}
      </div>
    </section>
  );
}

function ChoiceView({ choice, plain, streaming }: { choice: Choice; plain: boolean; streaming: boolean }) {
  return (
    <>
      {choice.content ? (
        plain ? (
          <PlainText text={choice.content} />
        ) : (
          <LazyPane what="the Markdown renderer" fallback={<PlainText text={choice.content} />}>
            <Markdown text={choice.content} streaming={streaming} />
          </LazyPane>
        )
      ) : null}
      {choice.refusal ? (
        <div className="refusal">
          <strong>Refusal:</strong> {choice.refusal}
        </div>
      ) : null}
      {choice.toolCalls.map((t, i) => {
        const pretty = prettyJson(t.arguments);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: tool calls keep their order
          <div key={i} className="tool-call">
            <div className="tool-head">
              <span className="tool-name">{t.name ?? "(unnamed tool)"}</span>
              {t.type ? <span className="badge">{t.type}</span> : null}
              {t.id ? <span className="muted mono">{t.id}</span> : null}
              {pretty === null && t.arguments && !streaming ? (
                <span className="badge bad">arguments are not valid JSON</span>
              ) : null}
            </div>
            <pre className="tool-args">{pretty ? <Highlighted text={pretty} /> : t.arguments}</pre>
          </div>
        );
      })}
      {choice.citations.length > 0 ? (
        <div className="citations">
          <strong>Citations</strong>
          <ol>
            {choice.citations.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: citations keep their order
              <li key={i} className="mono">
                {typeof c === "string" ? c : JSON.stringify(c)}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {choice.steps.length > 0 ? (
        <div className="steps muted">
          Steps: {choice.steps.map((s) => `${s.kind}${s.status ? ` (${s.status})` : ""}`).join(", ")}
        </div>
      ) : null}
    </>
  );
}

function ReplyFooter({ merged, choice }: { merged: MergedReply; choice: Choice | undefined }) {
  const u = merged.usage;
  return (
    <div className="reply-footer">
      {choice?.finishReason ? (
        <span>
          finish <span className="badge">{choice.finishReason}</span>
          {choice.finishDetail ? ` (${choice.finishDetail})` : ""}
        </span>
      ) : null}
      {u ? (
        <span>
          usage: in {u.input ?? "?"} · out {u.output ?? "?"}
          {u.reasoning !== null ? ` · reasoning ${u.reasoning}` : ""}
          {u.cached !== null ? ` · cached ${u.cached}` : ""}
          {u.total !== null ? ` · total ${u.total}` : ""}
        </span>
      ) : null}
      {Object.keys(merged.meta).length > 0 ? (
        <span className="muted">
          {Object.entries(merged.meta)
            .slice(0, 4)
            .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join(" · ")}
        </span>
      ) : null}
      {merged.notes.map((n) => (
        <span key={n} className="muted">
          {n}
        </span>
      ))}
    </div>
  );
}
