/**
 * The page's one client module: components reach the server only through a
 * `SselensClient` (live or recorded), never through `fetch`.
 */

export type * from "../../src/server/protocol.js";
export { MAX_TIMEOUT_SECONDS, SECRET_MASK } from "../../src/server/protocol.js";
export { decodeRunMessage, fromWireCapture, runToMessages, toWireCapture } from "./capture.js";
export { ApiError, isApiError } from "./errors.js";
export { createLiveClient, type LiveClientOptions } from "./live.js";
export { createRecordedClient, type RecordedClientOptions } from "./recorded.js";
export type { ClientMessage, LoadedRun, RunHandle, RunHandlers, SselensClient } from "./types.js";
