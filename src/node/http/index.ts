/** The Node HTTP edge: send a request, capture the exchange. */

export type { TlsOptions } from "./dispatcher.js";
export type { SendCallbacks, SendOptions } from "./send.js";
export { compressedStreamNote, send } from "./send.js";
