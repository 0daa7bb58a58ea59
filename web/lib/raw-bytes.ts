/**
 * The Raw view's model: the body split into text runs and invalid bytes (shown as hex),
 * so nothing the server sent is hidden behind a replacement character.
 */

export type RawPiece = { kind: "text"; text: string } | { kind: "hex"; bytes: number[] };

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there is invalid or the sequence is cut at `end`. */
function seqLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) [n, min] = [2, 0x80];
  else if (c >= 0xe0 && c <= 0xef) [n, min] = [3, 0x800];
  else if (c >= 0xf0 && c <= 0xf4) [n, min] = [4, 0x10000];
  else return 0;
  if (i + n > end) return 0;
  let cp = c & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const x = b[i + k]!;
    if ((x & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (x & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

const decoder = new TextDecoder();

/** Split bytes into valid UTF-8 text and invalid bytes. A sequence cut by the end of `bytes` counts as invalid. */
export function rawPieces(bytes: Uint8Array): RawPiece[] {
  const out: RawPiece[] = [];
  let i = 0;
  let textStart = 0;
  const end = bytes.length;
  const flushText = (to: number) => {
    if (to > textStart) out.push({ kind: "text", text: decoder.decode(bytes.subarray(textStart, to)) });
  };
  while (i < end) {
    const n = seqLength(bytes, i, end);
    if (n > 0) {
      i += n;
      continue;
    }
    flushText(i);
    const last = out[out.length - 1];
    if (last?.kind === "hex") last.bytes.push(bytes[i]!);
    else out.push({ kind: "hex", bytes: [bytes[i]!] });
    i++;
    textStart = i;
  }
  flushText(end);
  return out;
}

/** Bytes as `\xHH` escapes. */
export function hex(bytes: readonly number[]): string {
  return bytes.map((b) => `\\x${b.toString(16).padStart(2, "0").toUpperCase()}`).join("");
}

/**
 * Group chunks for display: each piece list belongs to one network chunk. A character whose
 * bytes straddle two chunks is decoded with the chunk it starts in (it is valid on the wire).
 */
export function chunkPieces(chunks: readonly Uint8Array[]): RawPiece[][] {
  const out: RawPiece[][] = [];
  let carry = new Uint8Array(0);
  for (let c = 0; c < chunks.length; c++) {
    const cur = chunks[c]!;
    const joined = carry.length ? concat(carry, cur) : cur;
    // Hold back an incomplete trailing sequence when a later chunk may complete it.
    let cut = joined.length;
    if (c < chunks.length - 1) {
      for (let k = Math.max(0, joined.length - 3); k < joined.length; k++) {
        const b = joined[k]!;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
        if (need > 0 && k + need > joined.length) {
          cut = k;
          break;
        }
      }
    }
    out.push(rawPieces(joined.subarray(0, cut)));
    carry = joined.slice(cut);
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
