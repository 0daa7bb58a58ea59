/** `sselens inspect`: saved bodies through the same views, in-process and as the built CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Report } from "../../src/core/pipeline/types.js";
import { ensureBuilt, repoRoot, runCli, startCli } from "./built-cli.js";
import { SSE_BODY } from "./fault-server.js";
import { memoryIo } from "./memory-io.js";

const dir = mkdtempSync(join(tmpdir(), "sselens-inspect-"));
const write = (name: string, body: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};

beforeAll(() => {
  ensureBuilt();
});

interface Vector {
  name: string;
  input: string;
  events: { type: string; data: string; id: string }[];
}

describe("inspect reproduces the spec's events for every conformance vector", () => {
  const vectors = JSON.parse(
    readFileSync(resolve(repoRoot, "../shared/conformance/sse-vectors.json"), "utf8"),
  ) as Vector[];

  it("has all 104 vectors", () => {
    expect(vectors).toHaveLength(104);
  });

  for (const vector of vectors) {
    it(vector.name, async () => {
      const file = write(`${vector.name}.sse`, new TextEncoder().encode(vector.input));
      const io = memoryIo();
      await main(["inspect", file, "--events"], io);
      const lines = io
        .out()
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as { type: string; data: string; id: string; t: unknown });
      expect(lines.map(({ type, data, id }) => ({ type, data, id }))).toEqual(vector.events);
      for (const l of lines) expect(l.t).toBeNull();
    });
  }
});

describe("inspect - (in-process)", () => {
  it("stops on Ctrl-C with the partial report, exit 130", async () => {
    const io = memoryIo();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    // stdin delivers one event, then waits (as a pipe from a slow producer would).
    const stdin = (async function* () {
      yield new TextEncoder().encode(SSE_BODY.split("\n\n")[0] + "\n\n");
      io.interrupt();
      await gate;
      yield new TextEncoder().encode(SSE_BODY);
    })();
    const running = main(["inspect", "-", "--json"], { ...io, stdin });
    release();
    expect(await running).toBe(130);
    const report = JSON.parse(io.out()) as Report;
    expect(report).toMatchObject({ end: "aborted", complete: false });
    expect(report.choices[0]?.content).toBe("Hel");
  });
});

describe("inspect FILE (built CLI)", () => {
  it("shows the reply and an untimed summary of an SSE file, exit 0", async () => {
    const r = await runCli(["inspect", write("chat.sse", SSE_BODY)]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("Hello\n")).toBe(true);
    expect(r.stdout).toMatch(/timing +untimed/);
    expect(r.stdout).toMatch(/format +openai-chat/);
  });

  it("gives a --json report with null timing", async () => {
    const r = await runCli(["inspect", write("chat2.sse", SSE_BODY), "--json"]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({ status: null, complete: true, format: "openai-chat" });
    expect(report.choices[0]?.content).toBe("Hello");
    expect(report.metrics.ttftMs).toBeNull();
    expect(report.metrics.totalMs).toBeNull();
  });

  it("stops on Ctrl-C at once while stdin is still open (a producer that has not finished), exit 130", async () => {
    // One event, and the pipe stays open: the CLI waits for more until Ctrl-C.
    const first = `${SSE_BODY.split("\n\n")[0]}\n\n`;
    const cli = startCli(["inspect", "-", "--events"], { stdin: first, stdinOpen: true });
    await cli.waitForStdout((s) => s.includes("\n"));
    cli.child.kill("SIGINT");
    // Without stopping the read, this waits for stdin to end, and the test times out.
    const r = await cli.done;
    expect(r.code).toBe(130);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toBe("sselens: interrupted: the report is partial\n");
  });

  it("reads stdin with -", async () => {
    const r = await runCli(["inspect", "-", "--json"], { stdin: SSE_BODY });
    expect((JSON.parse(r.stdout) as Report).choices[0]?.content).toBe("Hello");
  });

  it("reads an Ollama NDJSON body", async () => {
    const body =
      '{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}\n' +
      '{"model":"m","message":{"role":"assistant","content":" there"},"done":false}\n' +
      '{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}\n';
    const r = await runCli(["inspect", write("chat.ndjson", body), "--json"]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.framing).toBe("ndjson");
    expect(report.format).toBe("ollama");
    expect(report.choices[0]?.content).toBe("Hi there");
    expect(r.code).toBe(0);
  });

  it("reads a Cohere v1 body saved as .ndjson or .jsonl: the extension frames it, the shape names it", async () => {
    // Cohere's v1 /chat stream (docs.cohere.com, "Streaming" for the v1 API): JSON lines typed by event_type.
    const body =
      '{"is_finished":false,"event_type":"stream-start","generation_id":"g1"}\n' +
      '{"is_finished":false,"event_type":"text-generation","text":"Hi"}\n' +
      '{"is_finished":false,"event_type":"text-generation","text":" there"}\n' +
      '{"is_finished":true,"event_type":"stream-end","finish_reason":"COMPLETE","response":{"text":"Hi there","finish_reason":"COMPLETE"}}\n';
    for (const name of ["cohere-v1.ndjson", "cohere-v1.jsonl"]) {
      const r = await runCli(["inspect", write(name, body), "--json"]);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.framing).toBe("ndjson");
      expect(report.format).toBe("cohere");
      expect(report.detection.by).toBe("shape");
      expect(report.choices[0]?.content).toBe("Hi there");
      expect(report.anomalies).toEqual([]);
      expect(r.code).toBe(0);
    }
  });

  it("reads a Gemini JSON-array body", async () => {
    const chunk = (text: string, finish?: string) =>
      JSON.stringify({
        candidates: [
          { content: { role: "model", parts: [{ text }] }, ...(finish ? { finishReason: finish } : {}) },
        ],
      });
    const body = `[${chunk("Hel")},\n${chunk("lo", "STOP")}]`;
    const r = await runCli([
      "inspect",
      write("gemini.json", body),
      "--url",
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent",
      "--json",
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.framing).toBe("json-array");
    expect(report.format).toBe("gemini");
    expect(report.choices[0]?.content).toBe("Hello");
  });

  it("reports a body cut mid-event as incomplete, exit 5", async () => {
    const r = await runCli(["inspect", write("cut.sse", `${SSE_BODY.slice(0, 200)}`), "--json"]);
    expect(r.code).toBe(5);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.complete).toBe(false);
    expect(report.anomalies.map((a) => a.code)).toContain("unterminated-event");
  });

  it("says which file cannot be read, exit 7, no stack trace", async () => {
    const missing = await runCli(["inspect", join(dir, "nope.sse")]);
    expect(missing.code).toBe(7);
    expect(missing.stderr).toBe(`sselens: cannot read ${join(dir, "nope.sse")}: no such file or directory\n`);
    const directory = await runCli(["inspect", dir]);
    expect(directory.code).toBe(7);
    expect(directory.stderr).toBe(`sselens: cannot read ${dir}: it is a directory\n`);
  });

  it("stops quietly when its reader goes away (`| head`)", async () => {
    const many = Array.from({ length: 200_000 }, (_, i) => `data: {"i":${i}}\n\n`).join("");
    const cli = startCli(["inspect", write("many.sse", many), "--events"]);
    await cli.waitForStdout((s) => s.includes("\n"));
    cli.child.stdout.destroy();
    const r = await cli.done;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("refuses a missing FILE argument, exit 2", async () => {
    const r = await runCli(["inspect"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe("sselens: missing FILE (use - for stdin)");
  });
});

describe("inspect on saved replies that are not streams", () => {
  const fixture = (p: string) => resolve(repoRoot, "test/fixtures", p);

  it("merges a non-stream Responses reply (detected by its object: response)", async () => {
    const r = await runCli(["inspect", fixture("openai-responses/non-stream.json"), "--json"]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.detection).toMatchObject({ format: "openai-responses", by: "shape" });
    expect(report.choices[0]?.content).toBe("Oslo is the capital.");
    expect(r.code).toBe(0);
  });

  it("reports a saved error body by the provider's message, non-zero, no missing end signal", async () => {
    const r = await runCli(["inspect", fixture("openai-chat/error-body.json")]);
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/error +invalid_api_key: Incorrect API key provided/);
    expect(r.stdout).toMatch(/anomalies +none/);
  });

  it("with --script, shows the script's reply, not the raw events of a stream no format knows", async () => {
    const rules = resolve(repoRoot, "test/rules/fixtures");
    const r = await runCli(["inspect", "plain-text.sse", "--script", "plain-text.js"], { cwd: rules });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("thinking\nGreeting back.\n\nanswer\nHello, world\n")).toBe(true);
    expect(r.stdout).not.toContain("tokens=4");
    expect(r.stdout).toMatch(
      /^format +custom \(override: --script plain-text\.js \(detected sse by default: /m,
    );
  });
});

describe("piped output of untrusted text has no ANSI codes", () => {
  it("strips escapes from a raw body, an event's data and an error message", async () => {
    const bodies = {
      "plain.txt": "red \x1b[31malert\x1b[0m\n",
      "events.sse": "data: \x1b[2Jcleared\n\n",
      "error.json": JSON.stringify({ error: { message: "bad \x1b[31mkey", type: "x" } }),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const io = memoryIo({ tty: false });
      await main(["inspect", write(`ansi-${name}`, body)], io);
      expect(io.out(), name).not.toContain("\x1b");
      expect(io.err(), name).not.toContain("\x1b");
      expect(io.out(), name).toMatch(/alert|cleared|bad key/);
    }
  });
});
