/**
 * Bodies that are not event streams: an error reply, a `"stream": false`
 * JSON reply, or something else entirely. Keeps the first bytes of a body so
 * they can be shown when no event came out of it.
 */

/** The first `limit` bytes of a body, kept while it streams past. */
export interface BodyPrefix {
  add(bytes: Uint8Array): void;
  text(): string;
  /** More bytes arrived than were kept. */
  readonly truncated: boolean;
  readonly limit: number;
}

export function createBodyPrefix(limit = 1 << 20): BodyPrefix {
  const parts: Uint8Array[] = [];
  let kept = 0;
  let truncated = false;
  return {
    limit,
    get truncated() {
      return truncated;
    },
    add(bytes) {
      if (kept >= limit) {
        if (bytes.length > 0) truncated = true;
        return;
      }
      const room = limit - kept;
      const piece = bytes.length > room ? bytes.subarray(0, room) : bytes;
      if (piece.length < bytes.length) truncated = true;
      // Copy: the caller's buffer may be reused.
      parts.push(piece.slice());
      kept += piece.length;
    },
    text() {
      return new TextDecoder().decode(concat(parts, kept));
    },
  };
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A JSON body pretty-printed, or null when it is not JSON. */
export function prettyJson(body: string): string | null {
  const trimmed = body.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

export function byteLimitNote(limit: number): string {
  return `only the first ${Math.round(limit / 1024)} KiB of the body are shown`;
}
