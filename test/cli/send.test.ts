/** `sselens URL` end to end: the built CLI against a loopback fault server. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/pipeline/types.js";
import { ensureBuilt, repoRoot, runCli, startCli } from "./built-cli.js";
import { type FaultServer, SSE_BODY, startFaultServer } from "./fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  ensureBuilt();
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const ANSI = /\x1b\[/;
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("sselens URL (default view, piped)", () => {
  it("prints the reply as plain text and a summary, exit 0", async () => {
    const r = await runCli([`${server.url}/sse`]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("Hello\n")).toBe(true);
    expect(r.stdout).toMatch(/status +200 OK · complete/);
    expect(r.stdout).toMatch(/format +openai-chat/);
    expect(r.stdout).toMatch(/finish +stop/);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toBe("");
  });

  it("shows the events of a stream no format knows, one per line", async () => {
    const r = await runCli([`${server.url}/slow?n=3&ms=10`]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{"i":0}\n{"i":1}\n{"i":2}\n')).toBe(true);
    expect(r.stdout).toMatch(/format +sse/);
  });

  it("prints the provider's message for HTTP >= 400, exit 4", async () => {
    const r = await runCli([`${server.url}/error401`]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("Incorrect API key provided");
    expect(r.stdout).toMatch(/status +401 Unauthorized · incomplete/);
  });

  it("shows an HTML error page's text, exit 4", async () => {
    const r = await runCli([`${server.url}/html500`]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("500 Internal Server Error");
  });

  it("reports a refused connection in one line, exit 3", async () => {
    const port = await closedPort();
    const r = await runCli([`http://127.0.0.1:${port}/v1/chat/completions`]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `sselens: cannot connect to 127.0.0.1:${port}: connection refused, nothing is listening there (ECONNREFUSED)\n`,
    );
  });

  it("times out with a clear message when headers never come, exit 5", async () => {
    const r = await runCli([`${server.url}/hang`, "--timeout", "0.4"]);
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(`sselens: no response headers within 0.4 s from ${server.url}/hang\n`);
  });

  it("reports a stream cut mid-event, keeping what arrived, exit 5", async () => {
    const r = await runCli([`${server.url}/cut`]);
    expect(r.code).toBe(5);
    expect(r.stdout.startsWith("Hel")).toBe(true);
    expect(r.stdout).toMatch(/incomplete \(cut\)/);
    expect(r.stdout).toMatch(/connection cut/);
  });

  it("reads a stream without a Content-Type or with a wrong one", async () => {
    for (const path of ["/no-ct", "/wrong-ct"]) {
      const r = await runCli([`${server.url}${path}`, "--json"]);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.framing, path).toBe("sse");
      expect(report.choices[0]?.content, path).toBe("Hello");
      expect(r.code, path).toBe(0);
    }
  });

  it("decodes a compressed stream and notes the buffering risk", async () => {
    for (const kind of ["gzip", "br", "deflate"]) {
      const r = await runCli([`${server.url}/${kind}`, "--json"]);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.choices[0]?.content, kind).toBe("Hello");
      expect(report.notes.join("\n"), kind).toMatch(/compressed.*buffering risk/);
      expect(r.stderr, kind).toMatch(/^sselens: note: the stream was \w+-compressed.*buffering risk/);
    }
  });

  it("shows a body that is neither SSE nor NDJSON raw, with a note, exit 5", async () => {
    const r = await runCli([`${server.url}/plain`]);
    expect(r.stdout.startsWith("just some words, not a stream\n\n─")).toBe(true);
    expect(r.stdout).toMatch(/not-event-stream: The body is neither SSE nor NDJSON/);
    expect(r.code).toBe(5);
  });

  it("a body that is not a stream is not complete: the report agrees with exit 5 and says why in one line", async () => {
    const shown = await runCli([`${server.url}/plain`]);
    expect(shown.stdout).toMatch(/status +200 OK · incomplete/);
    const r = await runCli([`${server.url}/plain`, "--json"]);
    expect(r.code).toBe(5);
    expect((JSON.parse(r.stdout) as Report).complete).toBe(false);
    expect(r.stderr).toMatch(
      /^sselens: The body is neither SSE nor NDJSON \(Content-Type text\/plain, plain text\); shown raw\n$/,
    );
  });

  it("shows a JSON reply that is not a stream pretty-printed, once", async () => {
    const r = await runCli([`${server.url}/echo`, "-d", '{"a":1}']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{\n  "method": "POST",\n')).toBe(true);
    expect(r.stdout.split('"method"')).toHaveLength(2);
  });

  it("says where a redirect points (it is not followed), exit 5", async () => {
    const note = `HTTP 307 redirects to ${server.url}/sse; sselens does not follow redirects, send the request there`;
    const shown = await runCli([`${server.url}/redirect`]);
    expect(shown.code).toBe(5);
    expect(shown.stdout).toContain(`notes      ${note}`);
    const json = await runCli([`${server.url}/redirect`, "--json"]);
    expect(json.stderr.split("\n")[0]).toBe(`sselens: note: ${note}`);
    expect((JSON.parse(json.stdout) as Report).notes).toContain(note);
  });

  it("sends -X, -H and -d as given (JSON as application/json, -d implies POST)", async () => {
    const r = await runCli([`${server.url}/echo`, "-H", "X-Test: yes", "-d", '{"a":1}', "--raw"]);
    const echo = JSON.parse(r.stdout);
    expect(echo.method).toBe("POST");
    expect(echo.headers["x-test"]).toBe("yes");
    expect(echo.headers["content-type"]).toBe("application/json");
    expect(echo.headers["user-agent"]).toMatch(/^sselens\//);
    expect(echo.body).toBe('{"a":1}');
    const put = await runCli([`${server.url}/echo`, "-X", "PUT", "--data", "@-", "--raw"], {
      stdin: "from stdin",
    });
    expect(JSON.parse(put.stdout)).toMatchObject({ method: "PUT", body: "from stdin" });
  });
});

describe("network flags", () => {
  it("--timeout also bounds silence inside the body, keeping what arrived", async () => {
    const r = await runCli([`${server.url}/idle`, "--timeout", "0.4", "--json"]);
    expect(r.code).toBe(5);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({ end: "timeout", complete: false });
    expect(report.choices[0]?.content).toBe("Hel");
    expect(r.stderr).toMatch(
      /^sselens: no data for 0\.4 s from http:\/\/127\.0\.0\.1:\d+\/idle \(after \d+ bytes\)\n$/,
    );
  });

  it("--max-time bounds the whole exchange", async () => {
    const r = await runCli([`${server.url}/slow?n=50&ms=100`, "--max-time", "0.5", "--events"]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/total timeout/);
  });

  it("-k and --cacert reach the TLS connection", async () => {
    const { createServer: createHttpsServer } = await import("node:https");
    const tls = resolve(repoRoot, "test/cli/fixtures/tls");
    const https = createHttpsServer(
      { cert: readFileSync(join(tls, "cert.pem")), key: readFileSync(join(tls, "key.pem")) },
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(SSE_BODY);
      },
    );
    await new Promise<void>((r) => https.listen(0, "127.0.0.1", r));
    const url = `https://127.0.0.1:${(https.address() as { port: number }).port}/v1/chat/completions`;
    try {
      const refused = await runCli([url]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/self[- ]signed.*--cacert FILE/);
      expect((await runCli([url, "-k"])).code).toBe(0);
      expect((await runCli([url, "--cacert", join(tls, "cert.pem")])).code).toBe(0);
    } finally {
      https.close();
    }
  });
});

describe("--raw", () => {
  it("writes the body bytes untouched", async () => {
    const r = await runCli([`${server.url}/sse`, "--raw"]);
    expect(r.stdout).toBe(SSE_BODY);
    expect(r.code).toBe(0);
  });
});

describe("--json", () => {
  it("prints one report and nothing else", async () => {
    const r = await runCli([`${server.url}/sse`, "--json"]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({
      status: 200,
      complete: true,
      format: "openai-chat",
      errors: [],
      choices: [{ index: 0, content: "Hello", reasoning: null, finishReason: "stop", toolCalls: [] }],
    });
    expect(report.detection.by).toBeTypeOf("string");
    expect(report.metrics.ttftMs).toBeTypeOf("number");
    expect(report.metrics.totalMs).toBeTypeOf("number");
    expect(r.stderr).toBe("");
  });

  it("is printed whatever the exit status, with the errors filled", async () => {
    const html = await runCli([`${server.url}/html500`, "--json"]);
    expect(html.code).toBe(4);
    const report = JSON.parse(html.stdout) as Report;
    expect(report).toMatchObject({ status: 500, complete: false });
    expect(report.errors[0]?.message).toContain("500 Internal Server Error");
    expect(html.stderr).toMatch(/^sselens: HTTP 500/);

    const cut = await runCli([`${server.url}/cut`, "--json"]);
    expect(cut.code).toBe(5);
    const partial = JSON.parse(cut.stdout) as Report;
    expect(partial).toMatchObject({ complete: false, end: "cut" });
    expect(partial.choices[0]?.content).toBe("Hel");
    expect(partial.errors.some((e) => e.message.includes("connection cut"))).toBe(true);

    const port = await closedPort();
    const refused = await runCli([`http://127.0.0.1:${port}/`, "--json"]);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: null, complete: false, end: "error" });
  });
});

describe("--events", () => {
  it("prints one line per event as it arrives, before the stream ends", async () => {
    // 6 events, 250 ms apart: the first line must be out long before the last event is sent.
    const cli = startCli([`${server.url}/slow?n=6&ms=250`, "--events"]);
    const first = await cli.waitForStdout((s) => s.includes("\n"));
    expect(cli.child.exitCode).toBeNull();
    expect(first.split("\n").filter(Boolean)).toHaveLength(1);
    const second = await cli.waitForStdout((s) => s.split("\n").length > 2);
    expect(cli.child.exitCode).toBeNull();
    expect(second.split("\n").filter(Boolean)).toHaveLength(2);
    const r = await cli.done;
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ type: "message", data: '{"i":0}', id: "0", index: 0 });
    expect(lines[5]).toMatchObject({ data: '{"i":5}', id: "5", index: 5 });
    for (const l of lines) expect(l.t).toBeTypeOf("number");
    expect(lines[5].t).toBeGreaterThan(lines[0].t);
  });

  it("adds comment lines with --comments", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sselens-cli-"));
    const file = join(dir, "c.sse");
    writeFileSync(file, ": OPENROUTER PROCESSING\n\ndata: x\n\n");
    const r = await runCli(["inspect", file, "--events", "--comments"]);
    expect(
      r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { comment: "OPENROUTER PROCESSING", t: null },
      { type: "message", data: "x", id: "", t: null, index: 0 },
    ]);
  });
});

describe("Ctrl-C", () => {
  it("prints the partial report and exits 130", async () => {
    const cli = startCli([`${server.url}/slow-chat?n=40&ms=100`]);
    await cli.waitForStdout((s) => s.includes("w1"));
    cli.child.kill("SIGINT");
    const r = await cli.done;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^w0 w1 /);
    expect(r.stdout).toMatch(/incomplete \(aborted\)/);
    expect(r.stdout).not.toContain("w39");
  });

  it("prints the partial --json report (end: aborted) and exits 130", async () => {
    const before = server.written();
    const cli = startCli([`${server.url}/slow-chat?n=40&ms=100`, "--json"]);
    // Nothing reaches stdout before the end with --json: wait until the server has sent a few events.
    while (server.written() < before + 3) await new Promise((r) => setTimeout(r, 20));
    cli.child.kill("SIGINT");
    const r = await cli.done;
    expect(r.code).toBe(130);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({ end: "aborted", complete: false });
    expect(report.metrics.events).toBeGreaterThan(0);
    expect(report.choices[0]?.content).toMatch(/^w0 /);
  });
});

describe("bad input", () => {
  it("refuses a bad URL, exit 2", async () => {
    const r = await runCli(["127.0.0.1:8080/v1"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      'sselens: invalid URL "127.0.0.1:8080/v1" (did you mean http://127.0.0.1:8080/v1?)',
    );
    noStack(r.stderr);
  });

  it("names a mistyped command instead of blaming its argument, exit 2", async () => {
    const r = await runCli(["inspcet", "body.sse"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      'sselens: unknown command "inspcet": the commands are send, inspect, mock, ui; a URL starts with http:// or https://',
    );
    // A host name alone still gets the URL hint.
    const host = await runCli(["localhost"]);
    expect(host.stderr.split("\n")[0]).toBe(
      'sselens: invalid URL "localhost" (did you mean http://localhost?)',
    );
  });

  it("refuses a malformed header, exit 2", async () => {
    const r = await runCli([`${server.url}/sse`, "-H", "no colon"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`sselens: malformed header "no colon": expected 'Name: value'`);
  });

  it("refuses an unknown option and conflicting views, exit 2", async () => {
    const unknown = await runCli([`${server.url}/sse`, "--nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split("\n")[0]).toBe("sselens: unknown option --nope");
    const both = await runCli([`${server.url}/sse`, "--json", "--events"]);
    expect(both.code).toBe(2);
    const format = await runCli([`${server.url}/sse`, "--format", "openai"]);
    expect(format.stderr).toMatch(/unknown format "openai": expected one of openai-chat, /);
  });

  it("refuses a --max-time or --timeout past what a timer can hold (it would fire at once), exit 2", async () => {
    for (const flag of ["--max-time", "--timeout"]) {
      const r = await runCli([`${server.url}/sse`, flag, "1e9"]);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")[0]).toBe(
        `sselens: ${flag} "1e9": at most 2147483 seconds (about 24 days); 0 means no limit`,
      );
      expect(r.stderr).not.toContain("TimeoutOverflowWarning");
    }
    const longest = await runCli([`${server.url}/sse`, "--max-time", "2147483"]);
    expect(longest.code).toBe(0);
    expect(longest.stderr).toBe("");
  });

  it("says which file cannot be read, exit 7", async () => {
    const data = await runCli([`${server.url}/echo`, "-d", "@/nonexistent/body.json"]);
    expect(data.code).toBe(7);
    expect(data.stderr).toBe(
      "sselens: cannot read data file /nonexistent/body.json: no such file or directory\n",
    );
    const ca = await runCli([`${server.url}/sse`, "--cacert", "/nonexistent/ca.pem"]);
    expect(ca.code).toBe(7);
    expect(ca.stderr).toBe("sselens: cannot read --cacert /nonexistent/ca.pem: no such file or directory\n");
    // Every named file says it the same way: no raw ENOENT text, no absolute path the user never typed.
    const rules = await runCli([`${server.url}/sse`, "--rules", "nope.rule.json"]);
    expect(rules.code).toBe(7);
    expect(rules.stderr).toBe("sselens: cannot read --rules nope.rule.json: no such file or directory\n");
    const script = await runCli([`${server.url}/sse`, "--script", "nope.js"]);
    expect(script.code).toBe(7);
    expect(script.stderr).toBe("sselens: cannot read --script nope.js: no such file or directory\n");
  });
});
