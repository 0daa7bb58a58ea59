/**
 * Raw framing: a body that is not a stream (a plain JSON reply, an error
 * body, an HTML page) becomes one event at `end()`, so it goes through the
 * same views and, for a known format, the same report.
 */
import { ByteBuffer, firstInvalidUtf8 } from "./bytes.js";
import { DEFAULT_MAX_EVENT_BYTES } from "./parser.js";
import type { Framer, FramerOptions } from "./types.js";

/** Create a framer that dispatches the whole body (if not blank) as one event when it ends. */
export function createRawFramer(opts: FramerOptions = {}): Framer {
  const cap = opts.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const buf = new ByteBuffer();
  let fed = 0;
  let dropped = 0;
  let chunkIndex = -1;
  let chunkT: number | null = null;
  let ended = false;
  return {
    feed(chunk: Uint8Array, t?: number | null): void {
      if (ended) throw new Error("raw framer: feed() called after end(); create a new framer for a new body");
      chunkIndex++;
      chunkT = t ?? null;
      fed += chunk.length;
      const room = cap - buf.length;
      if (chunk.length <= room) buf.append(chunk, 0, chunk.length);
      else {
        if (dropped === 0) {
          opts.onAnomaly?.({
            code: "event-too-large",
            message: `The body exceeds the cap of ${cap} bytes; the rest is dropped`,
            event: 0,
            offset: cap,
          });
        }
        buf.append(chunk, 0, room);
        dropped += chunk.length - room;
      }
    },
    end(): void {
      if (ended) return;
      ended = true;
      const view = buf.view();
      const text = new TextDecoder("utf-8").decode(view);
      if (text.indexOf("\uFFFD") !== -1) {
        const at = firstInvalidUtf8(view, 0, view.length);
        if (at !== -1) {
          opts.onAnomaly?.({
            code: "invalid-utf8",
            message: "Invalid UTF-8 in the body; shown as U+FFFD",
            event: 0,
            offset: at,
          });
        }
      }
      if (text.trim() === "") return;
      opts.onEvent?.({
        index: 0,
        type: "message",
        data: text,
        id: "",
        raw: opts.keepRaw === false ? "" : text,
        start: 0,
        end: fed,
        t: chunkT,
        chunk: chunkIndex,
      });
    },
    get state() {
      return { lastEventId: "", retry: null, bytes: fed };
    },
  };
}
