/** Capture files: opening one from disk (re-merged in the page) and exporting the current run. */
import { deserializeCapture, serializeCapture } from "../../src/core/capture/serialize.js";
import { notify } from "./actions.js";
import { currentRunStore } from "./app-stores.js";
import { RunModel } from "./run-model.js";

/** Open a capture saved to a file (by the page or the CLI) and show it, re-merged in the page. */
export async function openCaptureFile(file: File): Promise<void> {
  try {
    const capture = deserializeCapture(await file.text());
    currentRunStore.set({ run: RunModel.fromCapture({ capture }), cancel: null, error: null });
    notify(`Opened ${file.name}`);
  } catch (e) {
    notify(`Cannot open ${file.name}: ${e instanceof Error ? e.message : String(e)}`, true);
  }
}

/** The current run as capture JSON text (secrets were redacted by the server), or null. */
export function currentCaptureJson(): string | null {
  const run = currentRunStore.get().run;
  return run && !run.streaming ? serializeCapture(run.toCapture()) : null;
}
