import { deserializeCapture, serializeCapture } from "../../src/core/capture/serialize.js";
import type { RunMessage, WireCapture } from "../../src/server/protocol.js";
import { base64ToBytes } from "./base64.js";
import type { ClientMessage, LoadedRun } from "./types.js";

/** `GET /api/runs/:id`'s answer to a capture the core can re-merge (throws `CaptureFormatError` on a malformed one). */
export function fromWireCapture(wire: WireCapture): LoadedRun {
  const { savedId: _s, options: _o, ...serialized } = wire;
  const capture = deserializeCapture(serialized);
  const run: LoadedRun = { capture };
  if (wire.savedId !== undefined) run.savedId = wire.savedId;
  if (wire.options !== undefined) run.options = wire.options;
  return run;
}

/** The inverse of `fromWireCapture` (for a static report, or a test). */
export function toWireCapture(run: LoadedRun): WireCapture {
  const { capture } = run;
  const wire: WireCapture = JSON.parse(serializeCapture(capture)) as WireCapture;
  if (run.savedId !== undefined) wire.savedId = run.savedId;
  if (run.options !== undefined) wire.options = run.options;
  return wire;
}

/** A protocol line to the page's message (decodes the chunk). */
export function decodeRunMessage(message: RunMessage): ClientMessage {
  return message.type === "chunk"
    ? { type: "chunk", t: message.t, bytes: base64ToBytes(message.data) }
    : message;
}

/**
 * A finished run as the messages a live run would have sent, so a re-opened
 * run goes through exactly the code the live view uses.
 */
export function runToMessages(run: LoadedRun): ClientMessage[] {
  const { capture } = run;
  const start: ClientMessage = {
    type: "start",
    id: capture.id,
    startedAt: capture.startedAt,
    request: capture.request,
  };
  if (run.savedId !== undefined) start.savedId = run.savedId;
  if (run.options !== undefined) start.options = run.options;
  const messages: ClientMessage[] = [start];
  if (capture.response) messages.push({ type: "response", response: capture.response });
  for (const chunk of capture.chunks) messages.push({ type: "chunk", t: chunk.t, bytes: chunk.bytes });
  messages.push({ type: "end", end: capture.end });
  return messages;
}
