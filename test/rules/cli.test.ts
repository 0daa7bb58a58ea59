/**
 * Custom formats from the command line, as a user runs them: the CLI bundled
 * exactly as `npm run build` bundles it (cli.js + sandbox-worker.js side by side),
 * over real HTTP to a loopback server and over saved files.
 *
 * The bundle goes to a private folder (not dist/, which other test files use
 * while this one runs); it sits under node_modules/.cache so that its package
 * imports resolve like the published package's.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/pipeline/types.js";
import type { RuleSummary } from "../../src/core/rules/index.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const fixtures = resolve(import.meta.dirname, "fixtures");
const outDir = resolve(repoRoot, `node_modules/.cache/sselens/cli-test-${process.pid}`);
const cli = resolve(outDir, "cli.js");

const ROUTES: Record<string, string> = {
  "/tgi/generate_stream": "tgi-generate-stream.sse",
  "/agent": "agent-events.sse",
  "/seed": "seed.sse",
  "/plain": "plain-text.sse",
};

let server: Server;
let base = "";
let requests = 0;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  // The same entry points and options as scripts/build.mjs.
  await build({
    entryPoints: { cli: "src/cli/bin.ts", "sandbox-worker": "src/node/sandbox/worker.ts" },
    absWorkingDir: repoRoot,
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    banner: { js: "#!/usr/bin/env node" },
    // Lazy chunks (rule engine, sandbox) beside cli.js, as in the published build.
    splitting: true,
  });
  server = createServer((req, res) => {
    requests++;
    const file = ROUTES[new URL(req.url ?? "/", "http://x").pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    // One event per write, so the client sees a real stream.
    const body = readFileSync(resolve(fixtures, file), "utf8");
    const parts = body.split(/(?<=\n\n)/);
    let i = 0;
    const next = () => {
      if (i < parts.length) {
        res.write(parts[i++]);
        setTimeout(next, 2);
      } else res.end();
    };
    next();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  rmSync(outDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((done) => {
    const env = { ...process.env, NO_COLOR: "1" };
    execFile(process.execPath, [cli, ...args], { cwd: fixtures, env }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("JSONPath rules from the command line", () => {
  it("the seed example over a saved file: --path gives Hi", async () => {
    const r = await run(["inspect", "seed.sse", "--path", "$.choices[0].message.content"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("Hi\n")).toBe(true);
  });

  it("TGI's /generate_stream over HTTP with --rules, as a JSON report", async () => {
    const r = await run([
      `${base}/tgi/generate_stream`,
      "-d",
      '{"inputs":"Hi"}',
      "--rules",
      "tgi.rule.json",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.format).toBe("custom");
    expect(report.complete).toBe(true);
    expect(report.choices[0]?.content).toBe("Hello, world!");
    expect(report.choices[0]?.finishReason).toBe("eos_token");
    expect((report.meta.rule as RuleSummary).name).toBe("tgi-generate-stream");
    expect(report.metrics.events).toBe(5);
  });

  it("an event-typed stream over HTTP with --path, --reasoning-path and --event", async () => {
    const r = await run([
      `${base}/agent`,
      "--path",
      "$.delta.text",
      "--reasoning-path",
      "$.text",
      "--event",
      "token",
      "--event",
      "thought",
      "--json",
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.choices[0]?.content).toBe("Hello");
    expect(report.choices[0]?.reasoning).toBe("The user greets me. I greet back.");
    expect((report.meta.rule as RuleSummary).unmatched).toEqual([0, 4, 6, 7]);
  });

  it("an invalid --path is refused before the request is sent, with the position", async () => {
    const before = requests;
    const r = await run([`${base}/seed`, "--path", "$.choices[0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "sselens: --path: unclosed bracketed selection at position 11\n  $.choices[0\n",
    );
    expect(r.stderr).toMatch(/\n {13}\^\n/);
    expect(r.stdout).toBe("");
    expect(requests).toBe(before);
  });

  it("an invalid path inside a rule file names the file and the field (exit 7)", async () => {
    const file = resolve(outDir, "bad.rule.json");
    writeFileSync(file, JSON.stringify({ content: "$.a", end: { when: "?@.x ==" } }));
    const before = requests;
    const r = await run([`${base}/seed`, "--rules", file]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(`--rules ${file}: end.when:`);
    expect(r.stderr).toMatch(/at position \d+/);
    expect(requests).toBe(before);
  });

  it("a path that matches nothing says so, with a hint", async () => {
    const r = await run(["inspect", "seed.sse", "--path", "$.choices[0].delta.content"]);
    expect(r.stdout).toContain("content path $.choices[0].delta.content matched nothing in 2 JSON events");
    expect(r.stdout).toContain("$.choices[0].message.content");
  });

  it("flags that do not go together are usage errors", async () => {
    expect((await run(["inspect", "seed.sse", "--path", "$.a", "--format", "openai-chat"])).code).toBe(2);
    expect((await run(["inspect", "seed.sse", "--event", "token"])).stderr).toContain("--event need --path");
  });
});

describe("scripts from the command line", () => {
  it("a non-JSON stream over HTTP merged by --script, its console output on stderr", async () => {
    const r = await run([`${base}/plain`, "--script", "plain-text.js"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Greeting back\.[\s\S]*Hello, world/);
    expect(r.stderr).toBe("[script event 4] stats: tokens=4 ms=38\n");
  });

  it("the same over the saved file, as JSON", async () => {
    const r = await run(["inspect", "plain-text.sse", "--script", "plain-text.js", "--json"]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.choices[0]).toMatchObject({ content: "Hello, world", reasoning: "Greeting back." });
    expect(report.meta.script).toMatchObject({ file: "plain-text.js", events: 6 });
  });

  it("a script with a syntax error is refused before the request (exit 7, line)", async () => {
    const file = resolve(outDir, "broken.js");
    writeFileSync(file, "function onEvent(e) {\n  return e.data +;\n}\n");
    const before = requests;
    const r = await run([`${base}/plain`, "--script", file]);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/SyntaxError: .*\(line 2, column \d+\) while loading the script/);
    expect(requests).toBe(before);
  });

  it("a hostile script is stopped with the limit named; the stream and its report survive", async () => {
    const file = resolve(outDir, "hostile.js");
    writeFileSync(file, "function onEvent(e) {\n  if (e.index === 2) for (;;) {}\n  return e.data;\n}\n");
    const r = await run([`${base}/plain`, "--script", file, "--json"]);
    expect(r.stderr).toContain("script stopped: exceeded the 100 ms per-event time limit at event 2");
    const report = JSON.parse(r.stdout) as Report;
    expect(report.metrics.events).toBe(6);
    expect(report.complete).toBe(true);
    expect(report.choices[0]?.content).toBe("~Greeting back.Hel");
    expect(report.notes.join("\n")).toContain("script: script stopped");
  });
});
