import { describe, expect, it } from "vitest";
import type { CaptureResponse } from "../../core/capture/types.js";
import { retryAfterNote } from "./notes.js";

const response = (status: number, headers: [string, string][]): CaptureResponse => ({
  status,
  statusText: "",
  headers,
  encoding: null,
  headersAt: 1,
});

describe("retryAfterNote", () => {
  it("reads seconds and HTTP dates on a 429 or 503", () => {
    expect(retryAfterNote(response(429, [["retry-after", "20"]]))).toBe(
      "the server asks to retry after 20 s (Retry-After: 20)",
    );
    expect(retryAfterNote(response(503, [["Retry-After", "Wed, 25 Nov 2026 10:00:00 GMT"]]))).toBe(
      "the server asks to retry after 2026-11-25T10:00:00.000Z (Retry-After: Wed, 25 Nov 2026 10:00:00 GMT)",
    );
    expect(retryAfterNote(response(429, [["retry-after", "soon"]]))).toBe(
      "the server sent Retry-After: soon",
    );
  });

  it("says nothing without the header, or on other statuses", () => {
    expect(retryAfterNote(response(429, []))).toBeNull();
    expect(retryAfterNote(response(200, [["retry-after", "5"]]))).toBeNull();
    expect(retryAfterNote(null)).toBeNull();
  });
});
