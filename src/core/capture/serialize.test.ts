import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../test/helpers/split.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { bodyBytes, deserializeCapture, isCaptureFormatError, serializeCapture } from "./serialize.js";
import type { Capture } from "./types.js";

function randomBytes(n: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
}

describe("base64", () => {
  it("matches the RFC 4648 test vectors", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "Zg=="],
      ["fo", "Zm8="],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg=="],
      ["fooba", "Zm9vYmE="],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, b64] of vectors) {
      expect(encodeBase64(new TextEncoder().encode(plain))).toBe(b64);
      expect(new TextDecoder().decode(decodeBase64(b64))).toBe(plain);
    }
  });

  it.each([1, 2, 3])("round-trips random bytes of every length mod 3 (seed %i)", (seed) => {
    for (const n of [0, 1, 2, 3, 100, 12289, 40000]) {
      const bytes = randomBytes(n, seed);
      const b64 = encodeBase64(bytes);
      let binary = "";
      for (const b of bytes) binary += String.fromCharCode(b);
      expect(b64).toBe(btoa(binary));
      expect(decodeBase64(b64)).toEqual(bytes);
    }
  });

  it("refuses characters outside the alphabet with their position", () => {
    expect(() => decodeBase64("Zm9v!A==")).toThrow(/"!" at 4/);
  });
});

describe("serializeCapture / deserializeCapture", () => {
  const capture: Capture = {
    version: 1,
    id: "abc",
    startedAt: "2026-01-01T00:00:00.000Z",
    request: {
      method: "POST",
      url: "http://127.0.0.1/v1/chat/completions",
      headers: [["x", "y"]],
      body: "{}",
    },
    response: {
      status: 200,
      statusText: "OK",
      headers: [["content-type", "text/event-stream"]],
      encoding: null,
      headersAt: 12.5,
    },
    chunks: [
      { t: 13, bytes: new Uint8Array([0xef, 0xbb, 0xbf, 0x64, 0xff]) },
      { t: null, bytes: new Uint8Array([]) },
    ],
    end: { reason: "cut", at: 99, error: { code: "ECONNRESET", message: "reset" } },
  };

  it("round-trips bytes, timing and everything else", () => {
    const text = serializeCapture(capture);
    expect(JSON.parse(text).chunks[0]).toEqual({ t: 13, b64: "77u/ZP8=" });
    expect(deserializeCapture(text)).toEqual(capture);
    expect(bodyBytes(deserializeCapture(text))).toEqual(new Uint8Array([0xef, 0xbb, 0xbf, 0x64, 0xff]));
  });

  it("says which field is wrong in a malformed capture", () => {
    const bad = { ...JSON.parse(serializeCapture(capture)), chunks: [{ t: "x", b64: "" }] };
    try {
      deserializeCapture(bad);
      expect.unreachable();
    } catch (e) {
      expect(isCaptureFormatError(e)).toBe(true);
      expect((e as Error).message).toBe("capture: chunks[0].t must be a number or null");
    }
    expect(() => deserializeCapture("{")).toThrow(/not JSON/);
    expect(() => deserializeCapture({ version: 2 })).toThrow(/unsupported version 2/);
  });
});
