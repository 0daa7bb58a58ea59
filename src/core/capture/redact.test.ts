import { describe, expect, it } from "vitest";
import { redactCapture, redactHeaders, redactSecret, redactUrl } from "./redact.js";
import type { Capture } from "./types.js";

const OPENAI_KEY = "sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789WXYZ";
const ANTHROPIC_KEY = "sk-ant-api03-Abcdefghijklmnopqrstuvwxyz0123456789-9Q8R";
const GOOGLE_KEY = "AIzaSyD-abcdefghijklmnopqrstuvwxyz12345";

describe("redactSecret", () => {
  it("keeps a known prefix and the last 4 characters of a long secret", () => {
    expect(redactSecret(OPENAI_KEY)).toBe("sk-proj-…WXYZ");
    expect(redactSecret(ANTHROPIC_KEY)).toBe("sk-ant-…9Q8R");
    expect(redactSecret(GOOGLE_KEY)).toBe("AIza…2345");
  });

  it("shows no tail for a short secret", () => {
    expect(redactSecret("hunter2")).toBe("…");
    expect(redactSecret("sk-short")).toBe("sk-…");
  });

  it("does not redact twice", () => {
    expect(redactSecret(redactSecret(OPENAI_KEY))).toBe("sk-proj-…WXYZ");
  });
});

describe("redactHeaders", () => {
  it("redacts every credential header, whatever its case, and keeps the others", () => {
    const out = redactHeaders([
      ["Authorization", `Bearer ${OPENAI_KEY}`],
      ["x-api-key", ANTHROPIC_KEY],
      ["API-Key", "azure-0123456789abcdef0123"],
      ["X-Goog-Api-Key", GOOGLE_KEY],
      ["Proxy-Authorization", "Basic dXNlcjpwYXNzd29yZA=="],
      ["Content-Type", "application/json"],
    ]);
    expect(out).toEqual([
      ["Authorization", "Bearer sk-proj-…WXYZ"],
      ["x-api-key", "sk-ant-…9Q8R"],
      ["API-Key", "…0123"],
      ["X-Goog-Api-Key", "AIza…2345"],
      ["Proxy-Authorization", "Basic …"],
      ["Content-Type", "application/json"],
    ]);
    for (const [, v] of out) {
      expect(v).not.toContain("Abcdefghijklmnop");
      expect(v).not.toContain("dXNlcjpwYXNzd29yZA");
    }
  });

  it("redacts cookie values but keeps names and Set-Cookie attributes", () => {
    expect(redactHeaders([["Cookie", "session=abc123; theme=dark"]])).toEqual([
      ["Cookie", "session=…; theme=…"],
    ]);
    expect(redactHeaders([["set-cookie", "session=abc123; Path=/; HttpOnly"]])).toEqual([
      ["set-cookie", "session=…; Path=/; HttpOnly"],
    ]);
  });

  it("redacts an authorization value without a scheme", () => {
    expect(redactHeaders([["authorization", OPENAI_KEY]])).toEqual([["authorization", "sk-proj-…WXYZ"]]);
  });
});

describe("redactUrl", () => {
  it("redacts Gemini's key= and leaves other parameters as written", () => {
    const url = `https://generativelanguage.googleapis.com/v1beta/models/m:streamGenerateContent?alt=sse&key=${GOOGLE_KEY}`;
    expect(redactUrl(url)).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/m:streamGenerateContent?alt=sse&key=AIza…2345",
    );
  });

  it("redacts key= first in the query and before a fragment", () => {
    expect(redactUrl(`http://h/p?key=${GOOGLE_KEY}#top`)).toBe("http://h/p?key=AIza…2345#top");
    expect(redactUrl(`http://h/p?API_KEY=${OPENAI_KEY}&x=1`)).toBe("http://h/p?API_KEY=sk-proj-…WXYZ&x=1");
  });

  it("does not touch parameters that merely end in key", () => {
    expect(redactUrl("http://h/p?monkey=banana&keys=1")).toBe("http://h/p?monkey=banana&keys=1");
  });

  it("redacts a password in the userinfo, and a user name that stands alone (often a key)", () => {
    expect(redactUrl("https://user:s3cret@proxy.example/v1")).toBe("https://user:…@proxy.example/v1");
    expect(redactUrl(`https://${OPENAI_KEY}@api.example/v1`)).toBe("https://sk-proj-…WXYZ@api.example/v1");
    expect(redactUrl("https://api.example/v1?x=a@b")).toBe("https://api.example/v1?x=a@b");
  });

  it("redacts an unparsable URL too", () => {
    expect(redactUrl(`http://[bad/?key=${GOOGLE_KEY}`)).not.toContain("abcdefghij");
  });
});

describe("redactCapture", () => {
  it("redacts request URL and headers and response cookies, without changing the input", () => {
    const capture: Capture = {
      version: 1,
      id: "x",
      startedAt: "2026-01-01T00:00:00.000Z",
      request: {
        method: "POST",
        url: `http://h/v1?key=${GOOGLE_KEY}`,
        headers: [["authorization", `Bearer ${OPENAI_KEY}`]],
        body: "{}",
      },
      response: {
        status: 200,
        statusText: "OK",
        headers: [["set-cookie", "s=1"]],
        encoding: null,
        headersAt: 1,
      },
      chunks: [{ t: 2, bytes: new Uint8Array([1]) }],
      end: { reason: "complete", at: 3 },
    };
    const out = redactCapture(capture);
    expect(JSON.stringify(out)).not.toContain("abcdefghij");
    expect(out.request.headers).toEqual([["authorization", "Bearer sk-proj-…WXYZ"]]);
    expect(out.response?.headers).toEqual([["set-cookie", "s=…"]]);
    expect(out.chunks).toBe(capture.chunks);
    expect(capture.request.headers[0]?.[1]).toBe(`Bearer ${OPENAI_KEY}`);
  });
});
