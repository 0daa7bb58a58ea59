/**
 * Conformance: every vector of ../shared/conformance/sse-vectors.json (WHATWG
 * HTML §9.2.5/§9.2.6), fed whole, one byte at a time, one character at a time,
 * as the vector's own chunks, and in seeded random splits (seed in the name).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Replayed, replayChunks } from "../helpers/replay.js";
import { splitBytes } from "../helpers/split.js";

interface Vector {
  name: string;
  input: string;
  chunks?: string[];
  events: { type: string; data: string; id: string }[];
  retry?: number;
  lastEventId: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const vectors: Vector[] = JSON.parse(
  readFileSync(resolve(repoRoot, "../shared/conformance/sse-vectors.json"), "utf8"),
);
const enc = new TextEncoder();

function summary(r: Replayed) {
  return {
    events: r.events.map((e) => ({ type: e.type, data: e.data, id: e.id })),
    retry: r.retry,
    lastEventId: r.lastEventId,
  };
}

function expected(v: Vector) {
  return { events: v.events, retry: v.retry ?? null, lastEventId: v.lastEventId };
}

const SEEDS = [1, 2, 3, 42, 1337];

describe("sse-vectors.json conformance", () => {
  it("has the 104 vectors the README promises", () => {
    expect(vectors).toHaveLength(104);
  });

  describe.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    const bytes = enc.encode(v.input);

    it("fed whole", () => {
      expect(summary(replayChunks([bytes]))).toEqual(expected(v));
    });

    it("fed one byte at a time", () => {
      const chunks = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
      expect(summary(replayChunks(chunks))).toEqual(expected(v));
    });

    it("fed one character at a time", () => {
      expect(summary(replayChunks(Array.from(v.input, (ch) => enc.encode(ch))))).toEqual(expected(v));
    });

    if (v.chunks) {
      const chunks = v.chunks;
      it("fed as the vector's chunks", () => {
        expect(summary(replayChunks(chunks.map((c) => enc.encode(c))))).toEqual(expected(v));
      });
    }

    it.each(SEEDS)("fed in seeded random splits of 1..7 bytes (seed %i)", (seed) => {
      expect(summary(replayChunks(splitBytes(bytes, seed, 1, 7)))).toEqual(expected(v));
    });
  });
});
