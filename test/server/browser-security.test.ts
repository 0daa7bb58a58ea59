/**
 * The guard against a real browser (headless Chromium): a page on another
 * local origin, in the same browser that is signed in to sselens, cannot read
 * the API or start a run; a DNS-rebound name pointing at 127.0.0.1 gets 403.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startUi, type UiServer } from "../../src/server/serve.js";

let ui: UiServer;
let browser: Browser;
let evil: Server;
let evilUrl: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sselens-browser-sec-"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>sselens</title>");
  ui = await startUi({ port: 0, open: false, home: join(dir, "home"), staticDir: dir });
  const api = `http://127.0.0.1:${ui.port}`;
  // The attacker's page: tries to read the API and to start a run, with the user's cookies.
  const script = `
    const out = {};
    try { const r = await fetch("${api}/api/info", { credentials: "include" }); out.read = r.status; }
    catch (e) { out.read = "blocked"; }
    try {
      await fetch("${api}/api/runs", { method: "POST", mode: "no-cors", credentials: "include",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ request: { method: "GET", url: "${ui.mockUrl}/sse/ticks", headers: [], body: null } }) });
      out.post = "sent";
    } catch (e) { out.post = "blocked"; }
    document.title = JSON.stringify(out);`;
  evil = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>pending</title><script type="module">${script}</script>`);
  });
  await new Promise<void>((r) => evil.listen(0, "127.0.0.1", r));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP rebind.test 127.0.0.1"],
  });
});
afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await new Promise((r) => evil?.close(r));
  await rm(dir, { recursive: true, force: true });
});

it("a page on another local origin cannot read the API or start a run, even with the user signed in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(ui.url);
  expect(new URL(page.url()).search).toBe(""); // the token left the address bar
  await page.goto(evilUrl);
  await page.waitForFunction(() => document.title !== "pending");
  const result = JSON.parse(await page.title()) as { read: unknown; post: unknown };
  // No CORS headers: the browser refuses to hand the answer to the attacker.
  expect(result.read).toBe("blocked");
  // The signed-in user's own view: the attacker's POST started nothing.
  await page.goto(`http://127.0.0.1:${ui.port}/`);
  const runs = await page.evaluate(async () => (await fetch("/api/runs")).json());
  expect(runs).toEqual([]);
  await context.close();
});

it("a DNS-rebound name that resolves to 127.0.0.1 is refused, token or not", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const token = new URL(ui.url).search;
  const rebound = await page.goto(`http://rebind.test:${ui.port}/${token}`);
  expect(rebound?.status()).toBe(403);
  const api = await page.goto(`http://rebind.test:${ui.port}/api/info`);
  expect(api?.status()).toBe(403);
  await context.close();
});

it("the page's own calls work from the page once signed in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(ui.url);
  const status = await page.evaluate(async () => {
    const r = await fetch("/api/collections", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ collections: [] }),
    });
    return r.status;
  });
  expect(status).toBe(200);
  await context.close();
});
