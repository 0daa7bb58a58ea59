import { useState } from "react";
import { isCurlParseError, parseCurl, printCurl } from "../../lib/curl.js";
import { notify } from "../../state/actions.js";
import { draftStore, emptyDraft } from "../../state/app-stores.js";
import { usePopover } from "../common/use-popover.js";

/** Import `text` into the draft; the parse error's message when it is not a curl command. */
function tryImport(text: string): string | null {
  try {
    const { request, warnings } = parseCurl(text);
    draftStore.set({ ...emptyDraft(), request, name: "" });
    notify(warnings.length ? `Imported curl (${warnings.join("; ")})` : "Imported curl command");
    return null;
  } catch (e) {
    const message = isCurlParseError(e) ? `Cannot import curl: ${e.message}` : String(e);
    notify(message, true);
    return message;
  }
}

function importText(text: string): boolean {
  return tryImport(text) === null;
}

/** Import a pasted curl command; copy the draft as curl (placeholders kept, secrets never resolved). */
export function CurlTools() {
  const { open, setOpen, ref } = usePopover();
  const [text, setText] = useState("");
  // Said inside the popover too: the toast in the header is far from where the user pasted.
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="popover-anchor" ref={ref}>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        curl
      </button>
      {open ? (
        <fieldset className="popover" aria-label="curl">
          <textarea
            aria-label="curl command"
            rows={6}
            placeholder="Paste a curl command"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <p role="alert" className="popover-error">
              {error}
            </p>
          ) : null}
          <div className="popover-actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                const failed = tryImport(text);
                setError(failed);
                if (failed === null) {
                  setOpen(false);
                  setText("");
                }
              }}
            >
              Import
            </button>
            <button
              type="button"
              onClick={() => {
                const { request } = draftStore.get();
                const curl = printCurl(request);
                setText(curl);
                navigator.clipboard?.writeText(curl).then(
                  () => notify("Copied as curl"),
                  () => notify("Shown as curl (clipboard not available)"),
                );
              }}
            >
              Copy as curl
            </button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
CurlTools.importText = importText;
