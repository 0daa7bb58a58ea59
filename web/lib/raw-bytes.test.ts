import { describe, expect, it } from "vitest";
import { chunkPieces, hex, rawPieces } from "./raw-bytes.js";

const enc = new TextEncoder();

describe("rawPieces", () => {
  it("keeps valid UTF-8 as one text run", () => {
    expect(rawPieces(enc.encode("data: héllo 😀\n\n"))).toEqual([
      { kind: "text", text: "data: héllo 😀\n\n" },
    ]);
  });
  it("shows invalid bytes, overlongs and surrogates as hex between text runs", () => {
    const bytes = new Uint8Array([0x61, 0xff, 0xfe, 0x62, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x63]);
    expect(rawPieces(bytes)).toEqual([
      { kind: "text", text: "a" },
      { kind: "hex", bytes: [0xff, 0xfe] },
      { kind: "text", text: "b" },
      { kind: "hex", bytes: [0xc0, 0xaf, 0xed, 0xa0, 0x80] },
      { kind: "text", text: "c" },
    ]);
    expect(hex([0xc0, 0x0a])).toBe("\\xC0\\x0A");
  });
});

describe("chunkPieces", () => {
  it("decodes a character split across two chunks with the chunk it starts in", () => {
    const all = enc.encode("aé😀b");
    const pieces = chunkPieces([all.subarray(0, 2), all.subarray(2, 5), all.subarray(5)]);
    const text = pieces.map((p) => p.map((x) => (x.kind === "text" ? x.text : "?")).join(""));
    expect(text.join("")).toBe("aé😀b");
    expect(pieces.flat().some((p) => p.kind === "hex")).toBe(false);
  });
  it("reports a sequence cut at the very end of the body as hex", () => {
    const pieces = chunkPieces([enc.encode("a"), new Uint8Array([0xe2, 0x82])]);
    expect(pieces[1]).toEqual([{ kind: "hex", bytes: [0xe2, 0x82] }]);
  });
});
