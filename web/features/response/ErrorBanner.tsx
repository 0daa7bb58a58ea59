import { useMemo } from "react";
import { ms } from "../../lib/format.js";
import { providerError } from "../../lib/http-error.js";
import type { RunModel } from "../../state/run-model.js";

const decoder = new TextDecoder();

/** Read the start of a (small) error body; a huge body is not an error page. */
function bodyText(run: RunModel): string {
  let out = "";
  for (const c of run.chunks) {
    out += decoder.decode(c.bytes, { stream: true });
    if (out.length > 64_000) break;
  }
  return out;
}

/** Problems shown where the user looks: above the response, in the provider's words. */
export function ErrorBanner({ run, refused }: { run: RunModel | null; refused: string | null }) {
  const items: { key: string; text: string }[] = [];
  if (refused) items.push({ key: "refused", text: refused });
  const status = run?.response?.status ?? null;
  const httpError = useMemo(
    () => (run && status !== null && status >= 400 && !run.streaming ? providerError(bodyText(run)) : null),
    [run, status, run?.streaming],
  );
  if (run && status !== null && status >= 400) {
    const head = `HTTP ${status}${run.response?.statusText ? ` ${run.response.statusText}` : ""}`;
    items.push({
      key: "http",
      text: httpError ? `${head}: ${httpError.message}${httpError.code ? ` (${httpError.code})` : ""}` : head,
    });
  }
  const end = run?.end;
  if (run && end) {
    const detail = end.error ? `: ${end.error.message}` : "";
    const at = end.at != null ? ` at ${ms(end.at)}` : "";
    if (end.reason === "cut")
      items.push({
        key: "cut",
        text: `The stream was cut${at} after ${run.events.length} events${detail}. Everything before the break is kept; the Timeline marks where it broke.`,
      });
    else if (end.reason === "timeout")
      items.push({
        key: "timeout",
        text: `Timed out${at}${detail}.${run.chunks.length > 0 ? " Everything received before it is kept." : ""}`,
      });
    else if (end.reason === "error")
      items.push({ key: "error", text: `No response${detail || ": the host could not be reached"}` });
    else if (end.reason === "aborted")
      items.push({ key: "aborted", text: `Cancelled${at}; what arrived is kept.` });
  }
  // Errors inside the stream show as they arrive; the final report adds transport and HTTP errors.
  const errors = run?.report?.errors ?? run?.merged()?.errors ?? [];
  for (const [i, e] of errors.entries()) {
    if (status !== null && status >= 400 && e.event === undefined) continue; // same as the HTTP line
    if (e.event === undefined && end?.error && e.code === end.error.code) continue; // same as the end line
    items.push({
      key: `e${i}`,
      text:
        e.event !== undefined
          ? `Provider error${e.code ? ` ${e.code}` : ""} in event #${e.event}: ${e.message}`
          : `Error${e.code ? ` ${e.code}` : ""}: ${e.message}`,
    });
  }
  if (items.length === 0) return null;
  const onlyCancel = items.length === 1 && items[0]?.key === "aborted";
  return (
    <div className={`error-banner${onlyCancel ? " info" : ""}`} role="alert">
      {items.map((i) => (
        <div key={i.key}>{i.text}</div>
      ))}
    </div>
  );
}
