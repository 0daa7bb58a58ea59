/**
 * Seeded chunk splitting for tests: the same seed always gives the same split,
 * so a failing split can be replayed from the seed printed in the test name.
 */

/** mulberry32: a tiny, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Split `bytes` into consecutive chunks of random length in [min, max] (the last may be shorter). */
export function splitBytes(bytes: Uint8Array, seed: number, min = 1, max = 16): Uint8Array[] {
  if (min < 1 || max < min) throw new Error(`splitBytes: need 1 <= min <= max, got min=${min} max=${max}`);
  const rand = mulberry32(seed);
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = min + Math.floor(rand() * (max - min + 1));
    out.push(bytes.subarray(i, Math.min(i + n, bytes.length)));
    i += n;
  }
  return out;
}

/** Split into chunks of exactly `size` bytes (the last may be shorter). */
export function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}
