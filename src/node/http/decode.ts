/**
 * Streaming Content-Encoding decoding that keeps arrival times: each decoded
 * piece is stamped with the arrival time of the compressed bytes it came from.
 */

import type { Transform } from "node:stream";
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";

/** A body decoder: write compressed reads with their time, get decoded pieces back. */
export interface BodyDecoder {
  /** The encoding being decoded (`gzip`, `br`, `deflate`). */
  readonly encoding: string;
  write(bytes: Uint8Array, t: number): void;
  /** Input ended: flush the rest, then `onEnd`. */
  end(): void;
  /** Stop decoding (abort, cut): nothing more is delivered. */
  destroy(): void;
}

export interface DecoderCallbacks {
  onData(bytes: Uint8Array, t: number): void;
  onEnd(): void;
  onError(error: Error): void;
}

const SUPPORTED = new Set(["gzip", "x-gzip", "br", "deflate"]);

/** The encoding to decode from a Content-Encoding value, or null when none / not supported (kept as is). */
export function decodableEncoding(contentEncoding: string | undefined): string | null {
  const value = contentEncoding?.trim().toLowerCase();
  if (!value || value === "identity") return null;
  return SUPPORTED.has(value) ? value : null;
}

/**
 * A decoder for `encoding` (one of those `decodableEncoding` accepts).
 * A truncated compressed body (a cut connection) yields what could be decoded,
 * not an error: `finishFlush: Z_SYNC_FLUSH` flushes partial input at the end.
 */
export function createBodyDecoder(encoding: string, cb: DecoderCallbacks): BodyDecoder {
  let stream: Transform | null = null;
  // Arrival times of writes not yet consumed by zlib. zlib works off the main
  // thread, so a decoded piece belongs to the oldest write still in flight.
  const pending: number[] = [];
  let lastT = 0;
  let done = false;

  const open = (first: Uint8Array): Transform => {
    const options = { finishFlush: constants.Z_SYNC_FLUSH };
    let s: Transform;
    if (encoding === "br") {
      s = createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    } else if (encoding === "deflate") {
      // "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate.
      s = looksZlibWrapped(first) ? createInflate(options) : createInflateRaw(options);
    } else {
      s = createGunzip(options);
    }
    s.on("data", (piece: Buffer) => {
      if (!done) cb.onData(piece, pending[0] ?? lastT);
    });
    s.on("end", () => {
      if (!done) {
        done = true;
        cb.onEnd();
      }
    });
    s.on("error", (error: Error) => {
      if (!done) {
        done = true;
        cb.onError(error);
      }
    });
    return s;
  };

  return {
    encoding,
    write(bytes, t) {
      if (done || bytes.length === 0) return;
      stream ??= open(bytes);
      lastT = t;
      pending.push(t);
      stream.write(bytes, () => {
        pending.shift();
      });
    },
    end() {
      if (done) return;
      if (stream === null) {
        done = true;
        cb.onEnd();
        return;
      }
      stream.end();
    },
    destroy() {
      done = true;
      stream?.destroy();
    },
  };
}

/** RFC 1950 header check: CM = 8 and the 16-bit header is a multiple of 31. */
function looksZlibWrapped(bytes: Uint8Array): boolean {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === undefined || b1 === undefined) return true;
  return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
}
