import type {
  AppInfo,
  CollectionsDoc,
  EnvironmentsDoc,
  RunMessage,
  RunRequest,
  RunSummary,
  Template,
  WireCapture,
} from "../../src/server/protocol.js";
import { decodeRunMessage, fromWireCapture } from "./capture.js";
import { ApiError, errorFromResponse } from "./errors.js";
import { readNdjson } from "./ndjson.js";
import { createRunHandle } from "./run-handle.js";
import type { RunHandle, RunHandlers, SselensClient } from "./types.js";

export interface LiveClientOptions {
  /** Origin of the local server; "" (the default) means the page's own origin. */
  baseUrl?: string;
  /** For tests: a fetch bound to the app (`app.request`) or carrying a cookie. */
  fetch?: typeof fetch;
}

/**
 * The client for the page served by `sselens ui`. The session cookie travels by
 * itself (same origin); nothing here handles the token.
 *
 * @example
 * const client = createLiveClient();
 * const handle = client.run({ request: { method: "POST", url, headers: [], body } });
 * for await (const message of handle) session.feed(...);
 */
export function createLiveClient(options: LiveClientOptions = {}): SselensClient {
  const base = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const init: RequestInit = { method, headers: { accept: "application/json" } };
    if (body !== undefined) {
      init.headers = { accept: "application/json", "content-type": "application/json" };
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, init);
    } catch (error) {
      throw new ApiError(
        0,
        "unreachable",
        `${method} ${path}: the sselens server is not reachable (${String(error)})`,
      );
    }
    if (!response.ok) throw await errorFromResponse(response, `${method} ${path}`);
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await call(method, path, body)).json()) as T;
  }

  const cancelRun = async (id: string): Promise<void> => {
    await call("POST", `/api/runs/${encodeURIComponent(id)}/cancel`, {});
  };

  return {
    kind: "live",
    run(request: RunRequest, handlers?: RunHandlers): RunHandle {
      return createRunHandle(
        async (emit) => {
          const response = await call("POST", "/api/runs", request);
          if (!response.body) throw new ApiError(502, "no-body", "POST /api/runs answered without a body");
          await readNdjson(response.body, (value) => emit(decodeRunMessage(value as RunMessage)));
        },
        cancelRun,
        handlers,
      );
    },
    cancelRun,
    listRuns: () => json<RunSummary[]>("GET", "/api/runs"),
    getRun: async (id) =>
      fromWireCapture(await json<WireCapture>("GET", `/api/runs/${encodeURIComponent(id)}`)),
    getCollections: () => json<CollectionsDoc>("GET", "/api/collections"),
    saveCollections: (doc) => json<CollectionsDoc>("PUT", "/api/collections", doc),
    getEnvironments: () => json<EnvironmentsDoc>("GET", "/api/environments"),
    saveEnvironments: (doc) => json<EnvironmentsDoc>("PUT", "/api/environments", doc),
    getTemplates: () => json<Template[]>("GET", "/api/templates"),
    getInfo: () => json<AppInfo>("GET", "/api/info"),
  };
}
