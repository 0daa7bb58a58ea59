/**
 * A browser-safe base64 codec (RFC 4648, standard alphabet, padded) for chunk
 * bytes in saved captures. No Buffer, and no `btoa` over binary strings, whose
 * per-byte string building is slow and fragile for megabyte bodies.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Encode bytes as padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Build in slices so String.fromCharCode's argument count stays small.
  const SLICE = 3 * 4096;
  for (let start = 0; start < bytes.length; start += SLICE) {
    const end = Math.min(bytes.length, start + SLICE);
    const codes: number[] = [];
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      codes.push(
        ALPHABET.charCodeAt(n >> 18),
        ALPHABET.charCodeAt((n >> 12) & 63),
        ALPHABET.charCodeAt((n >> 6) & 63),
        ALPHABET.charCodeAt(n & 63),
      );
    }
    const rest = end - i;
    if (rest === 1) {
      const n = bytes[i]! << 16;
      codes.push(ALPHABET.charCodeAt(n >> 18), ALPHABET.charCodeAt((n >> 12) & 63), 61, 61);
    } else if (rest === 2) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
      codes.push(
        ALPHABET.charCodeAt(n >> 18),
        ALPHABET.charCodeAt((n >> 12) & 63),
        ALPHABET.charCodeAt((n >> 6) & 63),
        61,
      );
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join("");
}

/** Decode padded or unpadded base64; throws on characters outside the alphabet (a corrupt file). */
export function decodeBase64(text: string): Uint8Array {
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === 61) len--;
  if (len % 4 === 1) throw new Error(`base64: invalid length ${text.length}`);
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let i = 0;
  const sextet = (k: number): number => {
    const v = DECODE[text.charCodeAt(k)] ?? -1;
    if (v < 0) throw new Error(`base64: invalid character ${JSON.stringify(text[k])} at ${k}`);
    return v;
  };
  for (; i + 3 < len; i += 4) {
    const n = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = len - i;
  if (rest === 2) out[o++] = ((sextet(i) << 18) | (sextet(i + 1) << 12)) >> 16;
  else if (rest === 3) {
    const n = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
  }
  return out;
}
