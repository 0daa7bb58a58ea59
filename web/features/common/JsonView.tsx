import { tokenizeJson } from "../../lib/json-text.js";

/** Highlighted JSON (or any text) as React spans: never HTML from the data. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {tokenizeJson(text).map((t, i) =>
        t.kind === "space" ? (
          t.text
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity beyond position
          <span key={i} className={`syn-${t.kind}`}>
            {t.text}
          </span>
        ),
      )}
    </>
  );
}
