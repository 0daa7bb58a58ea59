import { useEffect, useRef, useState } from "react";
import type { RunModel } from "../../state/run-model.js";
import { useStore } from "../../state/store.js";
import { choiceStore } from "./choice-store.js";
import { PlainText } from "./PlainText.js";
import { useScriptReply } from "./use-script-reply.js";

/** The model's thinking, apart from the answer: growing live, expanded by default, collapsible. */
export function ThinkingPane({ run }: { run: RunModel | null }) {
  const [open, setOpen] = useState(true);
  const choiceIndex = useStore(choiceStore);
  const merged = run?.merged() ?? null;
  const choice = merged?.choices.find((c) => c.index === choiceIndex) ?? merged?.choices[0];
  const script = useScriptReply(run);
  const text = script ? script.reasoning : (choice?.reasoning ?? null);
  const redacted = choice?.reasoningRedacted === true;
  const thinking = run?.streaming === true && text !== null && (choice?.content ?? "") === "";
  const body = useRef<HTMLDivElement>(null);
  const length = text?.length ?? 0;
  // Keep the newest thinking in view while it grows.
  useEffect(() => {
    const el = body.current;
    if (el && thinking && length > 0) el.scrollTop = el.scrollHeight;
  }, [length, thinking]);
  return (
    <section className={`thinking${open ? "" : " collapsed"}`} aria-label="Thinking">
      <header className="pane-head">
        <button
          type="button"
          className="link pane-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? "▾" : "▸"} Thinking
        </button>
        <span className="muted">
          {thinking
            ? "thinking…"
            : text !== null
              ? `${text.length.toLocaleString("en-US")} chars`
              : run && !run.streaming
                ? "none in this stream"
                : ""}
          {redacted ? " · some thinking redacted by the provider" : ""}
        </span>
      </header>
      {open && (text !== null || !run || run.streaming) ? (
        <div className="pane-body thinking-body" ref={body}>
          {text ? (
            <PlainText text={text} className="" />
          ) : (
            <span className="muted">
              {run
                ? "No thinking in this stream."
                : "The model's reasoning shows here, apart from the answer."}
            </span>
          )}
        </div>
      ) : null}
    </section>
  );
}
