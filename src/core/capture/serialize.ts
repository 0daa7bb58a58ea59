/**
 * Captures to and from JSON. Chunk bytes are stored as `{t, b64}` so a saved
 * capture replays exactly, byte for byte and with its timing, in Node or in
 * the browser.
 */
import { decodeBase64, encodeBase64 } from "./base64.js";
import type { Capture, Chunk } from "./types.js";

/** A capture as saved on disk: chunks carry base64 instead of bytes. */
export interface SerializedCapture extends Omit<Capture, "chunks"> {
  chunks: { t: number | null; b64: string }[];
}

/** Thrown when a saved capture cannot be read; says which field is wrong. */
export class CaptureFormatError extends Error {
  override name = "CaptureFormatError";
}

/** Is this a `CaptureFormatError`? */
export function isCaptureFormatError(e: unknown): e is CaptureFormatError {
  return e instanceof CaptureFormatError;
}

/**
 * Turn a capture into JSON text.
 *
 * @example
 * const text = serializeCapture(capture);
 * deserializeCapture(text).chunks[0]?.bytes; // the same bytes
 */
export function serializeCapture(capture: Capture): string {
  const out: SerializedCapture = {
    ...capture,
    chunks: capture.chunks.map((c) => ({ t: c.t, b64: encodeBase64(c.bytes) })),
  };
  return JSON.stringify(out);
}

/** Read a capture from JSON text (or an already parsed object). Throws `CaptureFormatError` on a malformed capture. */
export function deserializeCapture(json: unknown): Capture {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new CaptureFormatError(`capture: not JSON (${(error as Error).message})`);
    }
  }
  if (typeof value !== "object" || value === null)
    throw new CaptureFormatError("capture: expected an object");
  const v = value as Partial<SerializedCapture>;
  if (v.version !== 1)
    throw new CaptureFormatError(`capture: unsupported version ${JSON.stringify(v.version)}`);
  if (!Array.isArray(v.chunks)) throw new CaptureFormatError("capture: chunks must be an array");
  if (typeof v.request !== "object" || v.request === null)
    throw new CaptureFormatError("capture: request missing");
  if (typeof v.end !== "object" || v.end === null) throw new CaptureFormatError("capture: end missing");
  const chunks: Chunk[] = v.chunks.map((c, i) => {
    if (typeof c !== "object" || c === null || typeof c.b64 !== "string") {
      throw new CaptureFormatError(`capture: chunks[${i}].b64 must be a string`);
    }
    if (c.t !== null && typeof c.t !== "number")
      throw new CaptureFormatError(`capture: chunks[${i}].t must be a number or null`);
    try {
      return { t: c.t, bytes: decodeBase64(c.b64) };
    } catch (error) {
      throw new CaptureFormatError(`capture: chunks[${i}].b64: ${(error as Error).message}`);
    }
  });
  return { ...(v as SerializedCapture), chunks };
}

/** The whole body of a capture as one byte array. */
export function bodyBytes(capture: Pick<Capture, "chunks">): Uint8Array {
  let total = 0;
  for (const c of capture.chunks) total += c.bytes.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of capture.chunks) {
    out.set(c.bytes, at);
    at += c.bytes.length;
  }
  return out;
}
