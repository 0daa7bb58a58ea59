import DOMPurify from "dompurify";
import { marked } from "marked";
import { useDeferredValue, useMemo, useState } from "react";
import { PlainText } from "./PlainText.js";

// Links in model output open apart from the app, never replacing it, and pass no referrer.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

/** While streaming, Markdown is re-rendered only up to this size (parsing is O(n) per update). */
const LIVE_LIMIT = 30_000;
/** Above this size the reply is shown as plain text unless the user asks for Markdown. */
const LIMIT = 150_000;

/**
 * Model output rendered as Markdown. The text is untrusted: marked's HTML goes through
 * DOMPurify before it reaches the DOM, and links cannot run script.
 */
export function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  const [force, setForce] = useState(false);
  const deferred = useDeferredValue(text);
  const plain = (streaming && deferred.length > LIVE_LIMIT) || (!force && deferred.length > LIMIT);
  const html = useMemo(() => {
    if (plain) return null;
    const raw = marked.parse(deferred, { async: false, gfm: true, breaks: false });
    return DOMPurify.sanitize(raw, {
      USE_PROFILES: { html: true },
      FORBID_TAGS: ["style", "form", "input"],
      FORBID_ATTR: ["style"],
    });
  }, [deferred, plain]);
  if (html === null) {
    return (
      <>
        {!streaming ? (
          <div className="muted reply-note">
            Long reply ({Math.round(text.length / 1000)} KB) shown as plain text.{" "}
            <button type="button" className="link" onClick={() => setForce(true)}>
              Render Markdown
            </button>
          </div>
        ) : null}
        <PlainText text={text} />
      </>
    );
  }
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
