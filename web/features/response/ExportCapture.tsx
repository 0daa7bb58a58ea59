import { currentCaptureJson } from "../../state/capture-file.js";
import type { RunModel } from "../../state/run-model.js";

/** Save the run's capture as a file: the whole exchange, byte for byte with its timing. */
export function ExportCapture({ run }: { run: RunModel | null }) {
  if (!run || run.streaming) return null;
  return (
    <button
      type="button"
      className="link export"
      onClick={() => {
        const json = currentCaptureJson();
        if (!json) return;
        const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = `sselens-capture-${run.id || "run"}.json`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }}
    >
      Save capture
    </button>
  );
}
