/** Reading a response body to its end, decoding it on the way, with each read's arrival time. */
import type { Readable } from "node:stream";
import type { CaptureEnd, Chunk } from "../../core/capture/types.js";
import { createBodyDecoder } from "./decode.js";
import { errorCode } from "./errors.js";

export interface BodyHandlers {
  onChunk(chunk: Chunk, index: number): void;
  onFailure(error: unknown): CaptureEnd;
}

/**
 * Read the body, decoding it when compressed, until it ends or fails.
 * Each read is handed on synchronously in the `data` handler: no timers or
 * batching between the socket and the callback.
 */
export function readBody(
  body: Readable,
  encoding: string | null,
  now: () => number,
  handlers: BodyHandlers,
): Promise<CaptureEnd> {
  return new Promise((resolve, reject) => {
    let index = 0;
    let settled = false;
    const settle = (end: CaptureEnd) => {
      if (settled) return;
      settled = true;
      resolve(end);
    };
    const deliver = (bytes: Uint8Array, t: number) => {
      if (settled) return;
      try {
        handlers.onChunk({ t, bytes }, index++);
      } catch (error) {
        // A throwing callback is the caller's bug: stop reading and hand it back.
        settled = true;
        body.destroy();
        decoder?.destroy();
        reject(error);
      }
    };
    // Set when the transport ended, but the decoder still has to flush.
    let transportEnd: CaptureEnd | null = null;
    const decoder = encoding
      ? createBodyDecoder(encoding, {
          onData: deliver,
          onEnd: () => settle(transportEnd ?? { reason: "complete", at: now() }),
          onError: (error) =>
            settle({
              reason: transportEnd?.reason === "complete" || !transportEnd ? "error" : transportEnd.reason,
              at: now(),
              error: {
                code: errorCode(error),
                message: `could not decode the ${encoding} body: ${error.message}`,
              },
            }),
        })
      : null;

    body.on("data", (bytes: Buffer) => {
      const t = now();
      if (decoder) decoder.write(bytes, t);
      else deliver(bytes, t);
    });
    body.on("end", () => {
      transportEnd = { reason: "complete", at: now() };
      if (decoder) decoder.end();
      else settle(transportEnd);
    });
    body.on("error", (error) => {
      transportEnd = handlers.onFailure(error);
      // Deliver what the decoder already holds before reporting the failure.
      if (decoder) decoder.end();
      else settle(transportEnd);
    });
  });
}
