import { describe, expect, it } from "vitest";
import { mulberry32 as rng } from "../../../test/helpers/split.js";
import { indexOfTerminator } from "./bytes.js";

function naive(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (bytes[i] === 10 || bytes[i] === 13) return i;
  return -1;
}

describe("indexOfTerminator", () => {
  it("agrees with a byte loop on seeded buffers, offsets and ranges (seed 20261124)", () => {
    const random = rng(20261124);
    for (let round = 0; round < 2000; round++) {
      const size = Math.floor(random() * 3000);
      const store = new Uint8Array(size + 8);
      // Bytes near CR/LF (9-14) and high bytes exercise the word test's borrows.
      for (let i = 0; i < store.length; i++) {
        const r = random();
        store[i] =
          r < 0.001
            ? 10
            : r < 0.002
              ? 13
              : r < 0.3
                ? 9 + Math.floor(random() * 6)
                : Math.floor(random() * 256);
        if (store[i] === 10 || store[i] === 13) store[i] = random() < 0.5 ? store[i]! : 0x8a;
      }
      const shift = Math.floor(random() * 8);
      const bytes = store.subarray(shift, shift + size);
      const from = Math.floor(random() * (size + 1));
      const to = from + Math.floor(random() * (size - from + 1));
      expect(indexOfTerminator(bytes, from, to), `round ${round}`).toBe(naive(bytes, from, to));
    }
  });

  it("finds a terminator in each byte lane of a word and ignores bytes outside the range", () => {
    const store = new Uint8Array(1024).fill(0x8d);
    for (const shift of [0, 1, 2, 3]) {
      for (const at of [300, 301, 302, 303, 1000]) {
        for (const t of [10, 13]) {
          const bytes = store.subarray(shift);
          bytes[at] = t;
          expect(indexOfTerminator(bytes, 0, bytes.length)).toBe(at);
          expect(indexOfTerminator(bytes, 0, at)).toBe(-1);
          expect(indexOfTerminator(bytes, at + 1, bytes.length)).toBe(-1);
          bytes[at] = 0x8d;
        }
      }
    }
  });
});
