/**
 * The pipeline end to end over in-memory bodies: framing, detection, JSON,
 * merge, anomalies, errors and `complete`. Bodies are fed whole and in seeded
 * random splits (seed in the loop): the report must not depend on the split.
 */
import { describe, expect, it } from "vitest";
import { splitBytes } from "../../../test/helpers/split.js";
import type { Capture } from "../capture/types.js";
import type { Delta } from "../formats/types.js";
import type { StreamEvent } from "../sse/types.js";
import { analyzeCapture } from "./analyze.js";
import { detectFormat } from "./detect.js";
import { createSession } from "./session.js";
import type { SessionOptions } from "./types.js";

const enc = new TextEncoder();
const SEEDS = [5, 77, 901];

function chunk(obj: unknown): string {
  return `data: ${JSON.stringify(obj)}\n\n`;
}

const openai = [
  chunk({
    id: "c1",
    object: "chat.completion.chunk",
    model: "m",
    choices: [{ index: 0, delta: { role: "assistant", content: "" } }],
  }),
  chunk({
    id: "c1",
    object: "chat.completion.chunk",
    model: "m",
    choices: [{ index: 0, delta: { content: "Hello" } }],
  }),
  chunk({
    id: "c1",
    object: "chat.completion.chunk",
    model: "m",
    choices: [{ index: 0, delta: { content: " world" }, finish_reason: "stop" }],
  }),
  "data: [DONE]\n\n",
].join("");

function capture(
  body: string | Uint8Array,
  over: Partial<Capture> = {},
  contentType = "text/event-stream",
): Capture {
  const bytes = typeof body === "string" ? enc.encode(body) : body;
  return {
    version: 1,
    id: "t",
    startedAt: "2026-01-01T00:00:00.000Z",
    request: { method: "POST", url: "http://127.0.0.1:1/v1/chat/completions", headers: [], body: null },
    response: {
      status: 200,
      statusText: "OK",
      headers: [["Content-Type", contentType]],
      encoding: null,
      headersAt: 10,
    },
    chunks: [{ t: 20, bytes }],
    end: { reason: "complete", at: 100 },
    ...over,
  };
}

/** Run a body through a session, whole and split, and check each report. */
function everySplit(body: string, opts: SessionOptions, check: (r: ReturnType<typeof run>) => void) {
  const bytes = enc.encode(body);
  check(run([bytes], opts));
  for (const seed of SEEDS) check(run(splitBytes(bytes, seed, 1, 9), opts));
}

function run(chunks: Uint8Array[], opts: SessionOptions) {
  const events: [StreamEvent, Delta[]][] = [];
  const s = createSession(opts, { onEvent: (e, d) => events.push([e, d]) });
  chunks.forEach((c, i) => {
    s.feed(c, i);
  });
  s.end({ reason: "complete", at: chunks.length });
  return { report: s.report(200), events };
}

describe("createSession", () => {
  it("merges an OpenAI chat stream and reports it complete", () => {
    everySplit(
      openai,
      { url: "/v1/chat/completions", contentType: "text/event-stream" },
      ({ report, events }) => {
        expect(report.format).toBe("openai-chat");
        expect(report.detection).toMatchObject({ format: "openai-chat", by: "url" });
        expect(report.framing).toBe("sse");
        expect(report.choices[0]?.content).toBe("Hello world");
        expect(report.choices[0]?.finishReason).toBe("stop");
        expect(report.complete).toBe(true);
        expect(report.anomalies).toEqual([]);
        expect(events.map(([e]) => e.index)).toEqual([0, 1, 2, 3]);
        expect(report.metrics.events).toBe(4);
      },
    );
  });

  it("detects the format from the first event's shape when URL and content type say nothing", () => {
    everySplit(openai, {}, ({ report }) => {
      expect(report.detection).toMatchObject({ format: "openai-chat", by: "shape" });
      expect(report.notes.some((n) => /No Content-Type/.test(n))).toBe(true);
    });
  });

  it("flags non-JSON data and goes on merging", () => {
    const body = openai.replace("data: [DONE]", "data: {oops\n\ndata: [DONE]");
    everySplit(body, { url: "/v1/chat/completions" }, ({ report }) => {
      expect(report.choices[0]?.content).toBe("Hello world");
      expect(report.anomalies).toMatchObject([{ code: "non-json-data", event: 3 }]);
    });
  });

  it("takes a padded data: [DONE] as the end marker, not as non-JSON data", () => {
    const body = openai.replace("data: [DONE]\n", "data: [DONE]  \n");
    everySplit(body, { url: "/v1/chat/completions" }, ({ report }) => {
      expect(report.complete).toBe(true);
      expect(report.anomalies).toEqual([]);
    });
  });

  it("reports a missing end signal once after an error event mid-stream", () => {
    const body = `${openai.split("\n\n").slice(0, 2).join("\n\n")}\n\n${chunk({
      error: { message: "The server had an error", type: "server_error" },
    })}`;
    everySplit(body, { url: "/v1/chat/completions" }, ({ report }) => {
      expect(report.errors).toMatchObject([{ code: "server_error", event: 2 }]);
      expect(report.anomalies.map((a) => a.code)).toEqual(["missing-end-signal"]);
      expect(report.complete).toBe(false);
    });
  });

  it("is not complete when a provider error is the stream's terminal event (Responses response.failed)", () => {
    const failed = [
      'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"r","status":"in_progress","output":[]}}\n\n',
      'event: response.failed\ndata: {"type":"response.failed","sequence_number":1,"response":{"id":"r","status":"failed","output":[],"error":{"code":"server_error","message":"The server had an error"}}}\n\n',
    ].join("");
    everySplit(failed, { url: "/v1/responses" }, ({ report }) => {
      expect(report.errors.map((e) => e.message)).toEqual(["The server had an error"]);
      expect(report.complete).toBe(false);
    });
  });

  it("is not complete without the end signal, and says so", () => {
    const body = openai.split("\n\n").slice(0, 2).join("\n\n") + "\n\n";
    const report = analyzeCapture(capture(body));
    expect(report.choices[0]?.content).toBe("Hello");
    expect(report.complete).toBe(false);
    expect(report.anomalies.map((a) => a.code)).toContain("missing-end-signal");
  });

  it("is not complete when the user stopped it, without calling the end signal missing", () => {
    const body = openai.split("\n\n").slice(0, 2).join("\n\n") + "\n\n";
    const report = analyzeCapture(capture(body, { end: { reason: "aborted", at: 50 } }));
    expect(report).toMatchObject({ complete: false, end: "aborted", anomalies: [] });
    expect(report.choices[0]?.content).toBe("Hello");
  });

  it("is not complete when the body ends inside an event", () => {
    const report = analyzeCapture(capture(`${openai}data: {"choices":[]`));
    expect(report.complete).toBe(false);
    expect(report.anomalies.map((a) => a.code)).toContain("unterminated-event");
  });

  it("is not complete when the transport was cut, and reports the transport error", () => {
    const report = analyzeCapture(
      capture(openai, {
        end: { reason: "cut", at: 50, error: { code: "ECONNRESET", message: "socket reset mid-body" } },
      }),
    );
    expect(report.complete).toBe(false);
    expect(report.end).toBe("cut");
    expect(report.errors).toEqual([{ code: "ECONNRESET", message: "socket reset mid-body" }]);
  });

  it("reports the provider's message for an HTTP error body", () => {
    const body = JSON.stringify({
      error: { message: "Incorrect API key provided", type: "invalid_request_error" },
    });
    const c = capture(body, {}, "application/json");
    c.response!.status = 401;
    const report = analyzeCapture(c);
    expect(report.status).toBe(401);
    expect(report.complete).toBe(false);
    expect(report.errors[0]).toEqual({
      code: "invalid_request_error",
      message: "HTTP 401: Incorrect API key provided",
    });
    expect(report.anomalies.map((a) => a.code)).not.toContain("missing-end-signal");
  });

  it("reports a saved error body (no status) by the provider's message, not as a stream missing its end", () => {
    for (const body of [
      {
        error: {
          message: "Incorrect API key provided",
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      },
      { type: "error", error: { type: "invalid_request_error", message: "max_tokens: Field required" } },
      { error: { code: 429, message: "Resource has been exhausted", status: "RESOURCE_EXHAUSTED" } },
      { error: "model not found" },
    ]) {
      const c = capture(JSON.stringify(body), { response: null, end: { reason: "complete", at: null } });
      c.request.url = "";
      const report = analyzeCapture(c);
      expect(report.complete, JSON.stringify(body)).toBe(false);
      expect(report.errors.map((e) => e.message).join(), JSON.stringify(body)).toMatch(
        /Incorrect API key|max_tokens|exhausted|model not found/,
      );
      expect(
        report.anomalies.map((a) => a.code),
        JSON.stringify(body),
      ).toEqual([]);
    }
  });

  it("names an HTTP error by the provider's most precise code, as the formats do mid-stream", () => {
    const cases: [unknown, string][] = [
      [
        { error: { message: "Rate limit", type: "requests", code: "rate_limit_exceeded" } },
        "rate_limit_exceeded",
      ],
      [{ error: { message: "Quota", code: 429, status: "RESOURCE_EXHAUSTED" } }, "RESOURCE_EXHAUSTED"],
      [{ type: "error", error: { type: "rate_limit_error", message: "Slow down" } }, "rate_limit_error"],
    ];
    for (const [body, code] of cases) {
      const c = capture(JSON.stringify(body), {}, "application/json");
      c.response!.status = 429;
      expect(analyzeCapture(c).errors[0]?.code).toBe(code);
    }
  });

  it("reports a timeout before headers as an error, with no body anomalies", () => {
    const c = capture("", {
      response: null,
      chunks: [],
      end: {
        reason: "timeout",
        at: 30000,
        error: { code: "ETIMEDOUT", message: "no response headers within 30 s" },
      },
    });
    const report = analyzeCapture(c);
    expect(report).toMatchObject({ status: null, complete: false, end: "timeout", anomalies: [] });
    expect(report.errors).toEqual([{ code: "ETIMEDOUT", message: "no response headers within 30 s" }]);
    expect(report.detection).toMatchObject({ format: "openai-chat", by: "url" });
  });

  it("quotes an HTML error body and flags it as not a stream", () => {
    const c = capture("<html><body>502 Bad Gateway</body></html>", {}, "text/html");
    c.response!.status = 502;
    const report = analyzeCapture(c);
    expect(report.framing).toBe("raw");
    expect(report.errors[0]?.message).toBe("HTTP 502: 502 Bad Gateway");
    expect(report.anomalies.map((a) => a.code)).toContain("not-event-stream");
  });

  it("reads the words of a proxy's HTML error page, not its head, scripts or styles", () => {
    const page = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title><style>body { color: red }</style>
<script>window.x = 1;</script></head>
<body><!-- upstream --><center><h1>502 Bad Gateway</h1></center><hr><center>nginx &amp; friends</center></body></html>`;
    const c = capture(page, {}, "text/html");
    c.response!.status = 502;
    expect(analyzeCapture(c).errors[0]?.message).toBe("HTTP 502: 502 Bad Gateway nginx & friends");
    const titled = capture(
      "<html><head><title>Just a moment...</title></head><body><p>Checking</p></body></html>",
      {},
      "text/html",
    );
    titled.response!.status = 503;
    expect(analyzeCapture(titled).errors[0]?.message).toBe("HTTP 503: Just a moment...: Checking");
  });

  it("is not complete when the body is empty, and says so (a 200 with nothing, an empty file)", () => {
    for (const [url, status] of [
      ["http://127.0.0.1:1/v1/chat/completions", 200],
      ["", null],
    ] as const) {
      const c = capture("", status === null ? { response: null } : {});
      c.request.url = url;
      const report = analyzeCapture(c);
      expect(report.complete, url).toBe(false);
      expect(report.anomalies, url).toEqual([
        { code: "not-event-stream", message: "The body is empty: no stream arrived", offset: 0 },
      ]);
    }
  });

  it("notes that a compressed event stream is a buffering risk", () => {
    const c = capture(openai);
    c.response!.encoding = "gzip";
    expect(analyzeCapture(c).notes.some((n) => /Content-Encoding: gzip/.test(n))).toBe(true);
    expect(analyzeCapture(capture(openai)).notes).toEqual([]);
  });

  it("has null timings for untimed input", () => {
    const c = capture(openai, { response: null, end: { reason: "complete", at: null } });
    c.chunks = [{ t: null, bytes: enc.encode(openai) }];
    const m = analyzeCapture(c).metrics;
    expect([m.headersMs, m.firstByteMs, m.firstEventMs, m.ttftMs, m.totalMs, m.gaps.maxMs]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(m.events).toBe(4);
  });

  it("times the answer from the chunks", () => {
    const bytes = enc.encode(openai);
    const c = capture(openai);
    c.chunks = splitBytes(bytes, 1, 200, 200).map((b, i) => ({ t: 20 + i * 10, bytes: b }));
    const m = analyzeCapture(c).metrics;
    expect(m.headersMs).toBe(10);
    expect(m.firstByteMs).toBe(20);
    expect(m.ttftMs).not.toBeNull();
    expect(m.totalMs).toBe(100);
  });

  it("takes a custom format object as an override", () => {
    const report = analyzeCapture(capture(openai), {
      format: {
        name: "custom",
        label: "test rule",
        json: true,
        init: () => ({}),
        step: (_s, e) => (e.json ? [{ kind: "content", choice: 0, text: "x" }] : [{ kind: "end" }]),
        finish: () => [],
      },
    });
    expect(report.format).toBe("custom");
    expect(report.detection.by).toBe("override");
    expect(report.choices[0]?.content).toBe("xxx");
    expect(report.complete).toBe(true);
  });

  it("reads Ollama NDJSON and Gemini's JSON array through the same session", () => {
    const nd = capture('{"model":"m","done":false}\n{"model":"m","done":true}\n', {}, "application/x-ndjson");
    expect(analyzeCapture(nd)).toMatchObject({ framing: "ndjson", detection: { format: "ollama" } });
    const arr = capture('[{"candidates":[]}\n,\r\n{"candidates":[]}]', {}, "application/json");
    arr.request.url = "https://x/v1beta/models/g:streamGenerateContent";
    const r = analyzeCapture(arr);
    expect(r).toMatchObject({ framing: "json-array", detection: { format: "gemini", by: "url" } });
    expect(r.metrics.events).toBe(2);
  });
});

describe("live callbacks", () => {
  it("hand each event over as soon as its bytes arrive, detection first and once", () => {
    const seen: string[] = [];
    const s = createSession(
      { url: "/v1/chat/completions", contentType: "text/event-stream" },
      {
        onDetect: (d) => seen.push(`detect:${d.format}`),
        onEvent: (e, deltas) => seen.push(`event:${e.index}:${deltas.map((d) => d.kind).join("+")}`),
      },
    );
    const [first, second] = openai.split("\n\n");
    s.feed(enc.encode(`${first}\n\n`), 1);
    expect(seen).toEqual(["detect:openai-chat", expect.stringMatching(/^event:0/)]);
    s.feed(enc.encode(`${second}\n`), 2);
    expect(seen).toHaveLength(2);
    s.feed(enc.encode("\n"), 3);
    expect(seen[2]).toMatch(/^event:1:.*content/);
    expect(s.detection?.format).toBe("openai-chat");
  });

  it("hold bytes only while the framing is undecided (no Content-Type)", () => {
    const events: number[] = [];
    const s = createSession({}, { onEvent: (e) => events.push(e.index) });
    s.feed(enc.encode("da"), 1);
    expect(s.detection).toBeNull();
    s.feed(enc.encode('ta: {"object":"chat.completion.chunk","choices":[]}\n\n'), 2);
    expect(events).toEqual([0]);
    expect(s.detection).toMatchObject({ format: "openai-chat", by: "shape" });
  });
});

describe("detectFormat", () => {
  it("prefers override, then content type, then URL, then shape", () => {
    expect(detectFormat({ override: "cohere", url: "/v1/messages" }).by).toBe("override");
    expect(detectFormat({ contentType: "application/x-ndjson", url: "/v1/messages" })).toMatchObject({
      format: "ollama",
      by: "content-type",
    });
    expect(detectFormat({ url: "https://a/v1/messages?beta=true" })).toMatchObject({
      format: "anthropic",
      by: "url",
    });
    const shapes: [unknown, string][] = [
      [{ object: "chat.completion.chunk" }, "openai-chat"],
      [{ type: "response.created", sequence_number: 0 }, "openai-responses"],
      [{ type: "message_start" }, "anthropic"],
      [{ candidates: [] }, "gemini"],
      [{ model: "llama", done: false }, "ollama"],
      [{ type: "message-start" }, "cohere"],
      [{ object: "response", status: "completed", output: [] }, "openai-responses"],
      [{ error: { message: "bad key", type: "invalid_request_error" } }, "openai-chat"],
      [{ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, "anthropic"],
      [{ error: { code: 429, message: "quota", status: "RESOURCE_EXHAUSTED" } }, "gemini"],
      [{ error: "model not found" }, "ollama"],
    ];
    for (const [json, format] of shapes) {
      expect(detectFormat({ first: { type: "message", json } })).toMatchObject({ format, by: "shape" });
    }
    expect(detectFormat({ first: { type: "message", json: { hello: 1 } } })).toMatchObject({
      format: "sse",
      by: "default",
    });
  });
});
