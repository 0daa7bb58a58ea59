import { useSyncExternalStore } from "react";
import type { RunModel } from "./run-model.js";

const noop = () => () => {};

/** Re-render when the run flushes a frame; returns the run's frame counter. */
export function useRunVersion(run: RunModel | null): number {
  return useSyncExternalStore(run ? (l) => run.subscribe(l) : noop, () => run?.version ?? -1);
}
