/** `--events`: one NDJSON line per dispatched event (and comment), written the moment it is dispatched. */
import type { StreamComment, StreamEvent } from "../../core/sse/types.js";

/** The line for one event: its type, data, last event ID, arrival time and index. */
export function eventLine(event: StreamEvent): string {
  return `${JSON.stringify({ type: event.type, data: event.data, id: event.id, t: event.t, index: event.index })}\n`;
}

/** The line for one SSE comment (`--comments`). */
export function commentLine(comment: StreamComment): string {
  return `${JSON.stringify({ comment: comment.text, t: comment.t })}\n`;
}
