/**
 * The README's picture: the app on a real (mock) stream with reasoning, one click on a
 * ready-made request. Always rendered and checked; written to docs/screenshot.png only
 * with UPDATE_SCREENSHOT=1, so a test run never changes tracked files.
 */
import { copyFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { UiServer } from "../../src/server/serve.js";
import { ensureBuilt, launchBrowser, openApp, sendAndWait, startApp, tempHome, textOf } from "./harness.js";

let browser: Browser;
let ui: UiServer;
let home: Awaited<ReturnType<typeof tempHome>>;

beforeAll(async () => {
  await ensureBuilt();
  home = await tempHome();
  ui = await startApp(home.dir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await home?.remove();
});

it("renders a reasoning stream from one click on a ready-made request", async () => {
  const page = await openApp(browser, ui, { width: 1440, height: 900 }, "dark");
  await sendAndWait(page, () =>
    page
      .getByRole("list", { name: "Examples" })
      .getByRole("button", { name: /DeepSeek reasoner/ })
      .click(),
  );
  await expect
    .poll(() => textOf(page.getByRole("region", { name: "Thinking", exact: true })))
    .toMatch(/\w{4,}/);
  // Show where the thinking turns into the answer: follow off, scrolled to the first answer rows.
  await page.getByRole("checkbox", { name: "follow" }).uncheck();
  await page
    .getByRole("region", { name: "Timeline", exact: true })
    .locator(".tl-scroll")
    .evaluate((el) => {
      el.scrollTop = 14 * 23;
    });
  const out = path.join(home.dir, "screenshot.png");
  await page.screenshot({ path: out });
  expect((await stat(out)).size).toBeGreaterThan(20_000);
  if (process.env["UPDATE_SCREENSHOT"] === "1") {
    await copyFile(out, path.resolve(import.meta.dirname, "../../docs/screenshot.png"));
  }
});
