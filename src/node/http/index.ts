/** The Node HTTP edge: send a request, capture the exchange. */

export type { TlsOptions } from "./dispatcher.js";
export { compressedStreamNote, redirectNote, retryAfterNote } from "./notes.js";
export type { SendCallbacks, SendOptions } from "./send.js";
export { send } from "./send.js";
