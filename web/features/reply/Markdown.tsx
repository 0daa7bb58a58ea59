import DOMPurify from "dompurify";
import { marked } from "marked";
import { useDeferredValue, useMemo } from "react";

/** Above this size Markdown is rendered only once the stream has ended (parsing is O(n) per frame). */
const LIVE_LIMIT = 60_000;

/**
 * Model output rendered as Markdown. The text is untrusted: marked's HTML goes through
 * DOMPurify before it reaches the DOM, and links cannot run script.
 */
export function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  const deferred = useDeferredValue(text);
  const html = useMemo(() => {
    if (streaming && deferred.length > LIVE_LIMIT) return null;
    const raw = marked.parse(deferred, { async: false, gfm: true, breaks: false });
    return DOMPurify.sanitize(raw, { USE_PROFILES: { html: true }, FORBID_TAGS: ["style", "form", "input"] });
  }, [deferred, streaming]);
  if (html === null) return <div className="plain">{text}</div>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
