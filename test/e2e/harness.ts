/**
 * The e2e harness: the built page served by the real `sselens ui` server (in-process, on
 * loopback, with its in-process mock provider), driven by Debian's headless Chromium.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { startUi, type UiServer } from "../../src/server/serve.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");
export const staticDir = path.join(repoRoot, "dist/web");

/** Build the page once if `npm run build` has not (the test script builds first). */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(path.join(staticDir, "index.html"))) return;
  const { build } = await import("vite");
  await build({
    configFile: path.join(repoRoot, "web/vite.config.ts"),
    root: path.join(repoRoot, "web"),
    logLevel: "warn",
  });
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
}

export async function tempHome(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "sselens-e2e-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function startApp(home: string): Promise<UiServer> {
  return startUi({ port: 0, open: false, home, staticDir });
}

/** A page logged in through the launch token (the token becomes the session cookie). */
export async function openApp(
  browser: Browser,
  ui: UiServer,
  size = { width: 1440, height: 900 },
  colorScheme: "light" | "dark" = "light",
): Promise<Page> {
  const context = await browser.newContext({ viewport: size, colorScheme });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  if (process.env["E2E_CONSOLE"])
    page.on("console", (m) => console.error("page console:", m.type(), m.text()));
  await page.goto(ui.url);
  await page
    .getByRole("textbox", { name: "URL" })
    .waitFor()
    .catch(async (e: unknown) => {
      console.error("page did not load:", ui.url, (await page.content()).slice(0, 2000));
      throw e;
    });
  return page;
}

/** Put a request in the editor: method, URL and body. */
export async function fillRequest(page: Page, url: string, body: string): Promise<void> {
  await page.getByRole("combobox", { name: "Method" }).selectOption("POST");
  await page.getByRole("textbox", { name: "URL" }).fill(url);
  await page.getByRole("textbox", { name: "Body" }).fill(body);
}

export const chatBody = (content: string, model = "deepseek-reasoner"): string =>
  JSON.stringify({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: "user", content }],
  });

/** The rendered text of a locator (what the user reads; Playwright's innerText, not the DOM property). */
export function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the text as rendered
  return locator.innerText();
}

/** Click Send (or a ready-made request) and wait until that run has ended. */
export async function sendAndWait(page: Page, click?: () => Promise<void>): Promise<void> {
  const runs = page.getByRole("list", { name: "Runs" }).getByRole("button");
  const before = await runs.count();
  await (click ? click() : page.getByRole("button", { name: "Send", exact: true }).click());
  await expect.poll(() => runs.count(), { timeout: 15_000 }).toBe(before + 1);
  await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 30_000 });
  const summary = page.getByRole("region", { name: "Summary", exact: true });
  await expect.poll(() => textOf(summary), { timeout: 30_000 }).not.toMatch(/streaming/);
}

/** What `setupApp` starts for one test file. */
export interface AppFixture {
  browser: Browser;
  ui: UiServer;
  page: Page;
  home: { dir: string; remove: () => Promise<void> };
}

/**
 * The built app on a fresh home, a browser and a signed-in page for this test file,
 * closed after it. The fields are filled in `beforeAll`: read them inside hooks and tests.
 */
export function setupApp(): AppFixture {
  const app = {} as AppFixture;
  beforeAll(async () => {
    await ensureBuilt();
    app.home = await tempHome();
    app.ui = await startApp(app.home.dir);
    app.browser = await launchBrowser();
    app.page = await openApp(app.browser, app.ui);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.ui?.close();
    await app.home?.remove();
  });
  return app;
}
