import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isInputError, isUsageError } from "../../src/cli/errors.js";
import { checkUrl, parseHeader, prepareRequest } from "../../src/cli/request.js";
import { memoryIo } from "./memory-io.js";

const flags = (over: Partial<Parameters<typeof prepareRequest>[0]> = {}) => ({
  url: "http://127.0.0.1:1/v1",
  method: undefined,
  headers: [],
  data: undefined,
  ...over,
});

describe("parseHeader (-H)", () => {
  it("splits at the first colon and trims the value", () => {
    expect(parseHeader("Authorization: Bearer a:b")).toEqual(["Authorization", "Bearer a:b"]);
    expect(parseHeader("X-Empty:")).toEqual(["X-Empty", ""]);
  });

  it("takes curl's `Name;` for an empty header", () => {
    expect(parseHeader("X-Empty;")).toEqual(["X-Empty", ""]);
  });

  it("refuses a malformed header, quoting it", () => {
    for (const bad of ["no colon here", ": value", "Bad Name: x", "X-A: line\nbreak"]) {
      let error: unknown;
      try {
        parseHeader(bad);
      } catch (e) {
        error = e;
      }
      expect(isUsageError(error), bad).toBe(true);
      expect((error as Error).message).toContain(JSON.stringify(bad));
    }
  });

  it("says what is wrong with a header name", () => {
    expect(() => parseHeader("Bad Name: x")).toThrow(
      /the name "Bad Name" may hold only letters, digits and .* \(no spaces\)/,
    );
    expect(() => parseHeader("X-Ü: 1")).toThrow(/the name "X-Ü" may hold only/);
    expect(() => parseHeader("no colon here")).toThrow(/expected 'Name: value'/);
  });
});

describe("prepareRequest", () => {
  it("is a GET without data, and -d implies POST", async () => {
    expect((await prepareRequest(flags(), memoryIo(), "ua")).method).toBe("GET");
    expect((await prepareRequest(flags({ data: "x=1" }), memoryIo(), "ua")).method).toBe("POST");
    expect((await prepareRequest(flags({ data: "x=1", method: "put" }), memoryIo(), "ua")).method).toBe(
      "PUT",
    );
  });

  it("sends a JSON body as application/json unless a content type was given", async () => {
    const json = await prepareRequest(flags({ data: '{"a":1}' }), memoryIo(), "ua");
    expect(json.headers).toContainEqual(["Content-Type", "application/json"]);
    const given = await prepareRequest(
      flags({ data: '{"a":1}', headers: ["content-type: text/plain"] }),
      memoryIo(),
      "ua",
    );
    expect(given.headers.filter(([n]) => n.toLowerCase() === "content-type")).toEqual([
      ["content-type", "text/plain"],
    ]);
    const text = await prepareRequest(flags({ data: "{not json" }), memoryIo(), "ua");
    expect(text.headers.some(([n]) => n.toLowerCase() === "content-type")).toBe(false);
  });

  it("adds a User-Agent unless one was given", async () => {
    expect((await prepareRequest(flags(), memoryIo(), "sselens/9")).headers).toContainEqual([
      "User-Agent",
      "sselens/9",
    ]);
    const own = await prepareRequest(flags({ headers: ["User-Agent: me"] }), memoryIo(), "sselens/9");
    expect(own.headers).toEqual([["User-Agent", "me"]]);
  });

  it("reads -d @file and -d @- (stdin)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sselens-req-"));
    writeFileSync(join(dir, "body.json"), '{"from":"file"}');
    const fromFile = await prepareRequest(flags({ data: "@body.json" }), memoryIo({ cwd: dir }), "ua");
    expect(Buffer.from(fromFile.body as Uint8Array).toString()).toBe('{"from":"file"}');
    expect(fromFile.headers).toContainEqual(["Content-Type", "application/json"]);
    const fromStdin = await prepareRequest(
      flags({ data: "@-" }),
      memoryIo({ stdin: '{"from":"stdin"}' }),
      "ua",
    );
    expect(Buffer.from(fromStdin.body as Uint8Array).toString()).toBe('{"from":"stdin"}');
  });

  it("says which data file cannot be read", async () => {
    const error = await prepareRequest(
      flags({ data: "@missing.json" }),
      memoryIo({ cwd: tmpdir() }),
      "ua",
    ).catch((e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toBe("cannot read data file missing.json: no such file or directory");
  });
});

describe("checkUrl", () => {
  it("refuses what is not an http(s) URL, with a hint for a missing scheme", () => {
    expect(() => checkUrl("localhost:8080/v1")).toThrow("(did you mean http://localhost:8080/v1?)");
    expect(() => checkUrl("127.0.0.1:8080/v1")).toThrow(
      'invalid URL "127.0.0.1:8080/v1" (did you mean http://127.0.0.1:8080/v1?)',
    );
    expect(() => checkUrl("ftp://x/")).toThrow(/only http:\/\/ and https:\/\//);
    expect(checkUrl("https://api.openai.com/v1")).toBe("https://api.openai.com/v1");
  });

  it("never repeats a key from the URL in its message", () => {
    expect(() => checkUrl("ftp://x/?key=AIzaSyD-abcdefghijklmnopqrstuvwxyz12345")).toThrow(/AIza…2345/);
  });
});
