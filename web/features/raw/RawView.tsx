import { useMemo, useState } from "react";
import { bytes as fmtBytes, ms } from "../../lib/format.js";
import { chunkPieces, hex } from "../../lib/raw-bytes.js";
import type { RunModel } from "../../state/run-model.js";

const PAGE = 400;

/** The exact body, chunk by chunk as it came off the network; invalid bytes shown as hex. */
export function RawView({ run }: { run: RunModel | null }) {
  const [shown, setShown] = useState(PAGE);
  const n = run?.chunks.length ?? 0;
  const visible = Math.min(n, shown);
  // Decode only the chunks on screen; the capture keeps the bytes.
  const pieces = useMemo(
    () =>
      run
        ? chunkPieces(run.chunks.slice(0, Math.min(visible + 1, n)).map((c) => c.bytes)).slice(0, visible)
        : [],
    [run, visible, n],
  );
  if (!run)
    return <p className="empty muted">The raw body appears here, with its network chunk boundaries.</p>;
  return (
    <section className="raw" aria-label="Raw body">
      <div className="raw-head muted">
        {n} chunks · {fmtBytes(run.bytes)}
        {run.response?.encoding ? ` · decoded from ${run.response.encoding}` : ""}
      </div>
      <div className="raw-scroll">
        {pieces.map((p, i) => {
          const c = run.chunks[i]!;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: chunks are positional
            <div key={i} className="raw-chunk">
              <div className="raw-chunk-head">
                chunk {i} · {ms(c.t)} · {fmtBytes(c.bytes.length)}
              </div>
              <pre>
                {p.map((x, j) =>
                  x.kind === "text" ? (
                    x.text
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional
                    <span key={j} className="raw-hex" title="bytes that are not valid UTF-8">
                      {hex(x.bytes)}
                    </span>
                  ),
                )}
              </pre>
            </div>
          );
        })}
        {n > visible ? (
          <button type="button" onClick={() => setShown(shown + PAGE * 4)}>
            Show more ({n - visible} more chunks)
          </button>
        ) : null}
      </div>
    </section>
  );
}
