/**
 * Saved requests survive a restart: saved from the page into SSELENS_HOME, the server
 * stopped and started again on the same home, and the request is back in the sidebar.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  chatBody,
  ensureBuilt,
  fillRequest,
  launchBrowser,
  openApp,
  startApp,
  tempHome,
  textOf,
} from "./harness.js";

let browser: Browser;
let home: Awaited<ReturnType<typeof tempHome>>;

beforeAll(async () => {
  await ensureBuilt();
  home = await tempHome();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await home?.remove();
});

it("keeps a saved request, its collection and its rule across a restart", async () => {
  const first = await startApp(home.dir);
  const url = `${first.mockUrl}/v1/chat/completions?delay=0`;
  try {
    const page = await openApp(browser, first);
    await fillRequest(page, url, chatBody("Remember me."));
    await page.getByRole("tab", { name: "Rules" }).click();
    await page.getByRole("textbox", { name: "Rule" }).fill('{"content": "$.choices[0].delta.content"}');
    await page.getByRole("button", { name: "Use this rule" }).click();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("textbox", { name: "Request name" }).fill("Remembered request");
    await page.getByRole("combobox", { name: "Collection" }).fill("Demo collection");
    await page.getByRole("button", { name: "Save request" }).click();
    await page.getByRole("list", { name: "Demo collection" }).getByText("Remembered request").waitFor();
    await page.context().close();
  } finally {
    await first.close();
  }

  const second = await startApp(home.dir);
  try {
    const page = await openApp(browser, second);
    const saved = page
      .getByRole("list", { name: "Demo collection" })
      .getByRole("button", { name: "POST Remembered request" });
    await saved.waitFor();
    // A fresh page starts with an empty editor; opening the saved request fills it.
    await saved.click();
    await expect.poll(() => page.getByRole("textbox", { name: "URL" }).inputValue()).toBe(url);
    expect(await page.getByRole("textbox", { name: "Body" }).inputValue()).toContain("Remember me.");
    expect(await textOf(page.getByRole("navigation", { name: "Sidebar" }))).toContain("Demo collection");
    // The rule was saved with the request and comes back with it.
    await page.getByRole("tab", { name: "Rules" }).click();
    expect(await page.getByRole("textbox", { name: "Rule" }).inputValue()).toContain(
      "$.choices[0].delta.content",
    );
  } finally {
    await second.close();
  }
});
