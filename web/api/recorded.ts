import type { Capture } from "../../src/core/capture/types.js";
import type {
  AppInfo,
  CollectionsDoc,
  EnvironmentsDoc,
  RunRequest,
  RunSummary,
  Template,
} from "../../src/server/protocol.js";
import { runToMessages } from "./capture.js";
import { ApiError } from "./errors.js";
import { createRunHandle } from "./run-handle.js";
import type { LoadedRun, RunHandle, RunHandlers, SselensClient } from "./types.js";

export interface RecordedClientOptions {
  info?: AppInfo;
  templates?: Template[];
  collections?: CollectionsDoc;
  environments?: EnvironmentsDoc;
  /** Which recording answers a `run()`; by default the last one with the same method and URL. */
  respond?: (request: RunRequest) => LoadedRun | Capture | undefined;
  /** Replay chunks at their recorded times instead of all at once. */
  paced?: boolean;
}

const isLoaded = (value: LoadedRun | Capture): value is LoadedRun => "capture" in value;
const load = (value: LoadedRun | Capture): LoadedRun => (isLoaded(value) ? value : { capture: value });

const summarize = ({ capture, savedId }: LoadedRun): RunSummary => {
  const summary: RunSummary = {
    id: capture.id,
    startedAt: capture.startedAt,
    method: capture.request.method,
    url: capture.request.url,
    status: capture.response?.status ?? null,
    end: capture.end.reason,
  };
  if (savedId !== undefined) summary.savedId = savedId;
  return summary;
};

/**
 * A client over saved captures, with the live client's interface: a static
 * report shows recorded runs with the same components, and tests drive the UI
 * without a server. Saving collections or environments keeps them in memory.
 */
export function createRecordedClient(
  recordings: readonly (LoadedRun | Capture)[],
  options: RecordedClientOptions = {},
): SselensClient {
  const runs = recordings.map(load);
  let collections: CollectionsDoc = options.collections ?? { collections: [] };
  let environments: EnvironmentsDoc = options.environments ?? { active: null, environments: [] };
  const cancelled = new Set<string>();
  let replays = 0;

  const find = (id: string): LoadedRun => {
    const run = runs.find((r) => r.capture.id === id);
    if (!run) throw new ApiError(404, "not-found", `GET /api/runs/${id}: no run with id ${id}`);
    return run;
  };

  const pick = (request: RunRequest): LoadedRun | undefined => {
    if (options.respond) {
      const found = options.respond(request);
      return found && load(found);
    }
    const { method, url } = request.request;
    return runs.findLast((r) => r.capture.request.method === method && r.capture.request.url === url);
  };

  const cancelRun = async (id: string): Promise<void> => {
    cancelled.add(id);
  };

  return {
    kind: "recorded",
    run(request: RunRequest, handlers?: RunHandlers): RunHandle {
      return createRunHandle(
        async (emit) => {
          const recorded = pick(request);
          if (!recorded) {
            const { method, url } = request.request;
            throw new ApiError(404, "no-recording", `no recorded run answers ${method} ${url}`);
          }
          const id = `${recorded.capture.id}~${++replays}`;
          const replay: LoadedRun = { ...recorded, capture: { ...recorded.capture, id } };
          let last = 0;
          let chunksSent = 0;
          for (const message of runToMessages(replay)) {
            if (cancelled.has(id) && message.type !== "start") {
              emit({ type: "end", end: { reason: "aborted", at: last } });
              replay.capture = { ...replay.capture, chunks: replay.capture.chunks.slice(0, chunksSent) };
              replay.capture.end = { reason: "aborted", at: last };
              break;
            }
            if (message.type === "chunk" && options.paced && message.t !== null) {
              await new Promise((res) => setTimeout(res, Math.max(0, (message.t ?? 0) - last)));
              last = message.t;
            }
            if (message.type === "chunk") chunksSent++;
            emit(message);
          }
          runs.push(replay);
        },
        cancelRun,
        handlers,
      );
    },
    cancelRun,
    listRuns: async () => runs.map(summarize),
    getRun: async (id) => find(id),
    getCollections: async () => collections,
    saveCollections: async (doc) => {
      collections = doc;
      return doc;
    },
    getEnvironments: async () => environments,
    saveEnvironments: async (doc) => {
      environments = doc;
      return doc;
    },
    getTemplates: async () => options.templates ?? [],
    getInfo: async () => options.info ?? { version: "recorded", mockUrl: null, home: "", examples: [] },
  };
}
