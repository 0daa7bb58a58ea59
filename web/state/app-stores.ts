/**
 * The page's stores, one per concern. Components read them with `useStore`; only the
 * actions in `actions.ts` write them.
 */

import type { FormatName } from "../../src/core/formats/types.js";
import type {
  AppInfo,
  CollectionsDoc,
  EnvironmentsDoc,
  RequestDraft,
  RunSummary,
  SavedRule,
  SselensClient,
  Template,
} from "../api/index.js";
import { createLiveClient } from "../api/index.js";
import type { RunModel } from "./run-model.js";
import { createStore } from "./store.js";

/** The request being edited, and where it came from. */
export interface Draft {
  request: RequestDraft;
  /** The saved request it was opened from, if any (its rule and format ride along). */
  savedId: string | null;
  name: string;
  format: FormatName | null;
  rule: SavedRule | null;
}

export const emptyDraft = (): Draft => ({
  request: { method: "POST", url: "", headers: [["Content-Type", "application/json"]], body: "" },
  savedId: null,
  name: "",
  format: null,
  rule: null,
});

export const client = { current: createLiveClient() as SselensClient };

export const draftStore = createStore<Draft>(emptyDraft());

export interface CurrentRun {
  run: RunModel | null;
  /** Cancels the live run; null when nothing is in flight. */
  cancel: (() => void) | null;
  /** A refusal before any response (the server would not start the run). */
  error: string | null;
}
export const currentRunStore = createStore<CurrentRun>({ run: null, cancel: null, error: null });

export const runsStore = createStore<RunSummary[]>([]);
export const collectionsStore = createStore<CollectionsDoc>({ collections: [] });
export const environmentsStore = createStore<EnvironmentsDoc>({ active: null, environments: [] });
export const infoStore = createStore<AppInfo | null>(null);
export const templatesStore = createStore<Template[]>([]);

export type ResponseTab = "stream" | "raw" | "metrics" | "rules";
export const tabStore = createStore<ResponseTab>("stream");

/** A short message for the status line (saved, copied, an API failure). */
export const noticeStore = createStore<{ text: string; error: boolean } | null>(null);
