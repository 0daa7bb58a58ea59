/**
 * Errors shown where the user looks, in real Chromium against the real server and mock:
 * an HTTP error in the provider's own words, a stream cut mid-event (marked where it
 * broke, everything before kept), a provider error event, an unreachable host, and Cancel.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { UiServer } from "../../src/server/serve.js";
import { chatBody, fillRequest, setupApp, textOf } from "./harness.js";

const app = setupApp();
let ui: UiServer;
let page: Page;

beforeAll(() => {
  ({ ui, page } = app);
});

const region = (name: string) => page.getByRole("region", { name, exact: true });
const send = () => page.getByRole("button", { name: "Send", exact: true });
const alertText = () => textOf(page.getByRole("alert").first());

async function run(url: string, content = "Why is the sky blue?", model = "gpt-4o"): Promise<void> {
  await fillRequest(page, url, chatBody(content, model));
  await send().click();
  await page
    .getByRole("button", { name: "Cancel", exact: true })
    .waitFor({ state: "detached", timeout: 20_000 });
}

describe("errors in the page", () => {
  it("shows an HTTP 429 with the provider's own message", async () => {
    await run(`${ui.mockUrl}/v1/chat/completions?fault=429`);
    await expect.poll(alertText).toMatch(/HTTP 429/);
    expect(await alertText()).toContain("Rate limit reached for requests");
    expect(await textOf(region("Summary"))).toMatch(/429/);
    // The error body is one event, and the count says so in the singular.
    expect(await textOf(region("Timeline").locator(".tl-count"))).toBe("1 event");
    // An error body has no end signal by nature: no warning row says it is missing.
    expect(await textOf(region("Timeline"))).not.toMatch(/missing-end-signal|without data: \[DONE\]/);
  });

  it("marks a cut stream where it broke and keeps everything before it", async () => {
    await run(`${ui.mockUrl}/v1/chat/completions?cut=mid&delay=5&jitter=0`, "Tell me about tides.");
    await expect.poll(alertText).toMatch(/cut/i);
    expect(await alertText()).toMatch(/Everything before the break is kept/);
    // The last timeline row (followed into view) is the break marker.
    await expect.poll(() => textOf(region("Timeline"))).toMatch(/broke here/);
    expect((await textOf(region("Reply"))).length).toBeGreaterThan(20);
    expect(await textOf(region("Summary"))).toMatch(/cut/);
  });

  it("shows a provider error event sent mid-stream", async () => {
    await run(`${ui.mockUrl}/v1/chat/completions?error=mid&delay=5&jitter=0`, "Tell me about rain.");
    await expect.poll(alertText).toMatch(/Provider error/);
  });

  it("says when the host cannot be reached", async () => {
    await run("http://127.0.0.1:9/v1/chat/completions");
    await expect.poll(alertText).toMatch(/No response|refused|ECONNREFUSED/i);
    expect(await textOf(region("Summary"))).toMatch(/no response/i);
  });

  it("cancels a running stream and keeps what arrived", async () => {
    await fillRequest(
      page,
      `${ui.mockUrl}/v1/chat/completions?delay=150&jitter=0`,
      chatBody("Slowly, please."),
    );
    await send().click();
    await expect
      .poll(() => region("Timeline").getByRole("listitem").count(), { timeout: 10_000 })
      .toBeGreaterThan(2);
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await send().waitFor({ timeout: 10_000 });
    await expect.poll(alertText).toMatch(/Cancelled/);
    expect(await region("Timeline").getByRole("listitem").count()).toBeGreaterThan(2);
  });
});
