/**
 * Byte helpers for the framers: a growable buffer for a partial line and a
 * UTF-8 validator used only to locate invalid bytes once the decoder has
 * already produced a replacement character.
 */

/**
 * A growable byte buffer. Appending doubles the capacity when needed, so a line
 * fed one byte at a time costs amortised O(1) per byte, never O(n²) copying.
 */
export class ByteBuffer {
  private buf: Uint8Array;
  length = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
  }

  append(bytes: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    const need = this.length + n;
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    if (n < 64) {
      // A loop beats creating a subarray view for the few bytes of a small chunk.
      const buf = this.buf;
      for (let i = 0, at = this.length; i < n; i++) buf[at + i] = bytes[from + i]!;
    } else this.buf.set(bytes.subarray(from, to), this.length);
    this.length = need;
  }

  /** The backing store (valid bytes are [0, length)); no view is created. */
  get bytes(): Uint8Array {
    return this.buf;
  }

  /** A view of the content; valid until the next append or clear. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /**
   * Empty the buffer. A store grown past 16 MiB (a line over the default 8 MiB cap) is released;
   * smaller ones are kept, so a stream of 1 MiB events does not regrow (and zero) its buffer per event.
   */
  clear(): void {
    this.length = 0;
    if (this.buf.length > 16 << 20) this.buf = new Uint8Array(256);
  }
}

/**
 * Index of the first byte in `bytes[from, to)` that is not part of a valid UTF-8
 * sequence (WHATWG decoder rules: no overlongs, no surrogates, max U+10FFFF),
 * or -1 when the range is valid. A sequence cut by `to` counts as invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= to) return i;
    const c1 = bytes[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Concatenate two byte arrays (used only for tiny heads, e.g. a BOM split across chunks). */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Index of the first CR or LF in bytes[from, to), or -1. Long ranges (the middle of a long
 * line) are read four bytes at a time: one pass for both bytes beats two native `indexOf`
 * passes (Node 20's `Uint8Array#indexOf` is no memchr). Short ranges are looped.
 */
export function indexOfTerminator(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  if (to - from >= 256) {
    const off = bytes.byteOffset;
    for (; ((off + i) & 3) !== 0; i++) {
      const x = bytes[i]!;
      if (x === 10 || x === 13) return i;
    }
    const words = new Uint32Array(bytes.buffer, off + i, (to - i) >>> 2);
    const m = words.length;
    for (let w = 0; w < m; w++) {
      const v = words[w]!;
      const lf = v ^ 0x0a0a0a0a;
      const cr = v ^ 0x0d0d0d0d;
      // Non-zero exactly when some byte of `lf` or `cr` is zero (the classic has-zero-byte test).
      if ((((lf - 0x01010101) & ~lf) | ((cr - 0x01010101) & ~cr)) & 0x80808080) {
        const at = i + w * 4;
        for (let k = at; k < at + 4; k++) {
          const x = bytes[k]!;
          if (x === 10 || x === 13) return k;
        }
      }
    }
    i += m * 4;
  }
  for (; i < to; i++) {
    const x = bytes[i]!;
    if (x === 10 || x === 13) return i;
  }
  return -1;
}
