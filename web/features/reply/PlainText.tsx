import { memo, useRef } from "react";

const SLICE = 8192;

const Slice = memo(function Slice({ text }: { text: string }) {
  return <div className="plain-slice">{text}</div>;
});

/**
 * Long text that grows: cut into fixed slices so that, as it grows, only the last slice
 * changes in the DOM, and slices off screen skip layout (`content-visibility`).
 */
export function PlainText({ text, className = "plain" }: { text: string; className?: string }) {
  const cache = useRef<{ slices: string[]; end: number }>({ slices: [], end: 0 });
  const c = cache.current;
  // The text only grows: keep the whole slices already cut when the text still starts with them.
  const last = c.slices[c.slices.length - 1];
  if (c.end > text.length || (last !== undefined && text.slice(c.end - last.length, c.end) !== last)) {
    c.slices = [];
    c.end = 0;
  }
  let i = c.end;
  while (i + SLICE < text.length) {
    // A full slice ends after its last newline, so each slice is whole lines and stays the
    // same as the text grows; only the last, partial slice changes.
    let end = i + SLICE;
    const nl = text.lastIndexOf("\n", end - 1);
    if (nl >= i) end = nl + 1;
    c.slices.push(text.slice(i, end));
    i = end;
  }
  c.end = i;
  const tail = text.slice(i);
  return (
    <div className={className}>
      {c.slices.map((s, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: slices are positional and append-only
        <Slice key={k} text={s} />
      ))}
      {tail ? <Slice key={c.slices.length} text={tail} /> : null}
    </div>
  );
}
