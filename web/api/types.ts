import type { Capture } from "../../src/core/capture/types.js";
import type {
  AppInfo,
  CollectionsDoc,
  EnvironmentsDoc,
  MergeOptions,
  RunMessage,
  RunRequest,
  RunSummary,
  Template,
} from "../../src/server/protocol.js";

/**
 * A run message as the page consumes it: the protocol's `RunMessage` with the
 * chunk already decoded to bytes, ready for `session.feed(bytes, t)`.
 */
export type ClientMessage =
  | Exclude<RunMessage, { type: "chunk" }>
  | { type: "chunk"; t: number | null; bytes: Uint8Array };

/** A finished run: its capture and how its saved request asks to merge it. */
export interface LoadedRun {
  capture: Capture;
  savedId?: string;
  options?: MergeOptions;
}

export interface RunHandlers {
  /**
   * Called for each message as it arrives. When given, the handle is not
   * iterable (messages are not queued twice).
   */
  onMessage?: (message: ClientMessage) => void;
  /** Aborting it cancels the run on the server too. */
  signal?: AbortSignal;
}

/**
 * A run in flight. Iterate it (`for await (const m of handle)`) or pass
 * `onMessage`; either way `done` resolves with the whole capture at the end.
 */
export interface RunHandle extends AsyncIterable<ClientMessage> {
  /** The run's id, once `start` has arrived. Rejects like `done`. */
  readonly id: Promise<string>;
  /** The whole run when `end` has arrived. Rejects with an `ApiError` when the server refused the run. */
  readonly done: Promise<LoadedRun>;
  /** Ask the server to stop the run; it still ends with an `end` message (`aborted`). */
  cancel(): Promise<void>;
}

/**
 * The one seam between the page and the server. Components call these (through
 * hooks), never `fetch`. Two implementations: `createLiveClient()` talks to the
 * local server; `createRecordedClient(captures)` serves saved captures.
 */
export interface SselensClient {
  readonly kind: "live" | "recorded";
  /** Send a request through the server and stream what comes back. */
  run(request: RunRequest, handlers?: RunHandlers): RunHandle;
  cancelRun(id: string): Promise<void>;
  /** Runs made since the app started, oldest first. */
  listRuns(): Promise<RunSummary[]>;
  /** A finished run, exactly as captured (secrets redacted). */
  getRun(id: string): Promise<LoadedRun>;
  getCollections(): Promise<CollectionsDoc>;
  /** Replaces all collections; answers what was stored (literal credentials moved to secrets). */
  saveCollections(doc: CollectionsDoc): Promise<CollectionsDoc>;
  /** Environments with secret values masked (`SECRET_MASK`). */
  getEnvironments(): Promise<EnvironmentsDoc>;
  saveEnvironments(doc: EnvironmentsDoc): Promise<EnvironmentsDoc>;
  getTemplates(): Promise<Template[]>;
  getInfo(): Promise<AppInfo>;
}
