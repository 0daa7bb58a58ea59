import { describe, expect, it } from "vitest";
import { isCurlParseError, parseCurl, printCurl, shellWords } from "./curl.js";

describe("shellWords", () => {
  it("splits on blanks and honours single, double and $'' quotes", () => {
    expect(shellWords(`a 'b c' "d \\"e\\"" $'f\\ng' h\\ i`)).toEqual(["a", "b c", 'd "e"', "f\ng", "h i"]);
  });
  it("joins backslash-newline continuations", () => {
    expect(shellWords("curl \\\n  -N \\\r\n  url")).toEqual(["curl", "-N", "url"]);
  });
  it("keeps an empty quoted word", () => {
    expect(shellWords(`a '' b`)).toEqual(["a", "", "b"]);
  });
});

describe("parseCurl", () => {
  it("imports the OpenAI docs example with headers and a JSON body as POST", () => {
    const { request, warnings } = parseCurl(`curl https://api.openai.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -d '{"model": "gpt-4o", "stream": true}'`);
    expect(request).toEqual({
      method: "POST",
      url: "https://api.openai.com/v1/chat/completions",
      headers: [
        ["Content-Type", "application/json"],
        ["Authorization", "Bearer $OPENAI_API_KEY"],
      ],
      body: '{"model": "gpt-4o", "stream": true}',
    });
    expect(warnings).toEqual([]);
  });

  it("takes -X, --url=, joined short options and ignores display flags", () => {
    const { request } = parseCurl(`curl -sN -XPUT --url=http://h/x -HAccept:text/event-stream`);
    expect(request.method).toBe("PUT");
    expect(request.url).toBe("http://h/x");
    expect(request.headers).toEqual([["Accept", "text/event-stream"]]);
    expect(request.body).toBeNull();
  });

  it("defaults to GET without data and turns -u into Basic auth", () => {
    const { request } = parseCurl("curl -u user:pw http://h/");
    expect(request.method).toBe("GET");
    expect(request.headers).toEqual([["Authorization", `Basic ${btoa("user:pw")}`]]);
  });

  it("--json adds JSON content type and accept", () => {
    const { request } = parseCurl(`curl --json '{"a":1}' http://h/`);
    expect(request.headers.map(([k]) => k)).toEqual(["Content-Type", "Accept"]);
    expect(request.method).toBe("POST");
  });

  it("takes -m/--max-time as the request's timeout in seconds, in every spelling", () => {
    expect(parseCurl("curl -m 30 http://h/").request.timeout).toBe(30);
    expect(parseCurl("curl -m2.5 http://h/").request.timeout).toBe(2.5);
    expect(parseCurl("curl --max-time 0.5 http://h/").request.timeout).toBe(0.5);
    expect(parseCurl("curl --max-time=90 http://h/").request.timeout).toBe(90);
    expect(parseCurl("curl -N http://h/").request).not.toHaveProperty("timeout");
  });

  it("reads --max-time 0 as no limit, as curl does, and warns about one that is not a number", () => {
    expect(parseCurl("curl --max-time 0 http://h/").request).not.toHaveProperty("timeout");
    const { request, warnings } = parseCurl("curl -m soon http://h/");
    expect(request).not.toHaveProperty("timeout");
    expect(request.url).toBe("http://h/");
    expect(warnings).toEqual(["-m soon: not a number of seconds; ignored"]);
    expect(() => parseCurl("curl http://h/ --max-time")).toThrow(/option --max-time needs a value/);
  });

  it("warns about unknown options instead of failing", () => {
    expect(parseCurl("curl --frobnicate http://h/").warnings).toEqual(["ignored option --frobnicate"]);
  });

  it("refuses what is not a curl command, with the reason", () => {
    expect(() => parseCurl("wget http://h/")).toThrow(/must start with `curl`/);
    expect(() => parseCurl("curl -H 'nocolon' http://h/")).toThrow(/malformed header/);
    expect(() => parseCurl("curl 'http://h/")).toThrow(/unterminated single quote/);
    try {
      parseCurl("curl -s");
    } catch (e) {
      expect(isCurlParseError(e)).toBe(true);
    }
  });
});

describe("printCurl", () => {
  it("round-trips through parseCurl, quotes included", () => {
    const req = {
      method: "POST",
      url: "http://127.0.0.1:1/v1/chat/completions?x=1&y=2",
      headers: [
        ["Authorization", "Bearer {{api_key}}"],
        ["X-Q", "it's"],
      ] as [string, string][],
      body: `{"messages":[{"role":"user","content":"it's \\"quoted\\""}]}`,
    };
    const printed = printCurl(req);
    expect(printed.startsWith("curl -N ")).toBe(true);
    expect(parseCurl(printed).request).toEqual(req);
  });
  it("writes the timeout as --max-time, and it round-trips", () => {
    const req = { method: "GET", url: "http://h/", headers: [], body: null, timeout: 12.5 };
    const printed = printCurl(req);
    expect(printed).toBe("curl -N http://h/ \\\n  --max-time 12.5");
    expect(parseCurl(printed).request).toEqual(req);
  });
  it("writes -X only when the method is not implied", () => {
    expect(printCurl({ method: "GET", url: "http://h/", headers: [], body: null })).toBe("curl -N http://h/");
    expect(printCurl({ method: "DELETE", url: "http://h/", headers: [], body: null })).toBe(
      "curl -N -X DELETE http://h/",
    );
  });
});
