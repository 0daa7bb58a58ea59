/**
 * The browser side of the sandbox in real headless Chromium: a bare page (built
 * with Vite like the app) served over loopback with the app's Content-Security-
 * Policy, running web/sandbox in a Web Worker.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScriptEventInput } from "../../src/core/rules/script-protocol.js";
import { CONTENT_SECURITY_POLICY } from "../../src/server/security.js";
import type { BrowserScriptResult } from "../../web/sandbox/index.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};

let outDir = "";
let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "sselens-sandbox-page-"));
  const { build } = await import("vite");
  await build({
    configFile: false,
    root: path.resolve(import.meta.dirname, "browser"),
    base: "./",
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 },
  });
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const file = path.join(outDir, url.pathname === "/" ? "index.html" : path.normalize(url.pathname));
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
    headless: true,
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.title === "ready");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const events = (datas: string[]): ScriptEventInput[] =>
  datas.map((data, index) => ({ type: "message", data, id: "", index, t: index }));

function run(source: string, input: ScriptEventInput[], limits = {}): Promise<BrowserScriptResult> {
  return page.evaluate(
    ([s, e, l]) =>
      (
        globalThis as unknown as {
          runBrowserScript: (s: string, e: unknown, o: unknown) => Promise<BrowserScriptResult>;
        }
      ).runBrowserScript(s, e, { limits: l }),
    [source, input, limits] as const,
  );
}

describe("the browser sandbox (Chromium, app CSP)", () => {
  it("aborting a run terminates its worker at once (the preview re-runs on every edit)", async () => {
    // A deadline longer than the test's timeout: only the abort can end this run in time.
    const r = await page.evaluate(async () => {
      const ac = new AbortController();
      const run = (
        globalThis as unknown as {
          runBrowserScript: (s: string, e: unknown, o: unknown) => Promise<BrowserScriptResult>;
        }
      ).runBrowserScript(
        "function onEvent() { for (;;) {} }",
        [{ type: "message", data: "x", id: "", index: 0, t: 0 }],
        {
          limits: { perCallMs: 60_000, totalMs: 60_000 },
          signal: ac.signal,
          // Abort once the script is loaded and stuck in its first call.
          onReady: () => setTimeout(() => ac.abort(), 100),
        },
      );
      return run;
    });
    expect(r.steps).toEqual([{ event: 0, output: null, logs: [], problem: null, stopped: true }]);
  });

  it("merges a stream, captures logs, and reports the page's globals as absent", async () => {
    const r = await run(
      `function onEvent(e, s) {
        console.log("event", e.index, e.json);
        if (e.index === 0) return [typeof window, typeof document, typeof fetch, typeof setTimeout,
          typeof postMessage, typeof importScripts, typeof self, typeof localStorage].join(",");
        return { content: e.json ? String(e.json.t) : e.data, reasoning: null };
      }`,
      events(["probe", '{"t":"Hel"}', "lo"]),
    );
    expect(pageErrors).toEqual([]);
    expect(r.ready.ok).toBe(true);
    expect(r.steps[0]?.output?.content).toBe(Array(8).fill("undefined").join(","));
    expect(r.steps.slice(1).map((s) => s.output?.content)).toEqual(["Hel", "lo"]);
    expect(r.steps[1]?.logs).toEqual([{ level: "log", text: 'event 1 {"t":"Hel"}' }]);
  });

  it("an infinite loop is stopped with the time limit's name, and the page goes on", async () => {
    const r = await run(
      "function onEvent(e) { if (e.index === 1) for (;;) {} return 'a' }",
      events(["x", "y", "z"]),
    );
    expect(r.steps.map((s) => s.output?.content ?? null)).toEqual(["a", null, null]);
    expect(r.steps[1]?.problem?.message).toBe(
      "script stopped: exceeded the 100 ms per-event time limit at event 1",
    );
    const again = await run("function onEvent(e) { return e.data }", events(["still", " here"]));
    expect(again.reply.content).toBe("still here");
  });

  it("a memory bomb hits the memory limit", async () => {
    const r = await run(
      "function onEvent() { const k = []; for (;;) k.push(new Array(1e5).fill(1)); }",
      events(["x"]),
      { perCallMs: 10_000, totalMs: 20_000 },
    );
    expect(r.steps[0]?.problem).toMatchObject({ kind: "limit", limit: "memory" });
  });

  it("deep recursion hits the stack limit, and a thrown error keeps its line", async () => {
    const deep = await run(
      "function f() { return f() + 1 }\nfunction onEvent() { return String(f()) }",
      events(["x"]),
    );
    expect(deep.steps[0]?.problem).toMatchObject({ kind: "limit", limit: "stack" });
    const thrown = await run("function onEvent() {\n  throw new Error('boom');\n}", events(["x"]));
    expect(thrown.ready).toMatchObject({ ok: true, problem: null });
    expect(thrown.steps[0]?.problem).toMatchObject({ kind: "error", line: 2 });
    expect(thrown.steps[0]?.problem?.message).toMatch(/^Error: boom \(line 2, column \d+\) at event 0$/);
  });
});
