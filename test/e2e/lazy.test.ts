/**
 * Code splitting under the real server: the first load fetches only the main script; the
 * Metrics, Rules and Markdown code arrive as same-origin chunks when first needed (the CSP
 * `default-src 'self'` allows them, the session cookie admits them), and a chunk the server
 * refuses leaves a message in its pane, not a blank page.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { UiServer } from "../../src/server/serve.js";
import { chatBody, fillRequest, sendAndWait, setupApp, textOf } from "./harness.js";

const app = setupApp();
let ui: UiServer;
let page: Page;

beforeAll(() => {
  ({ ui, page } = app);
});

const region = (name: string) => page.getByRole("region", { name, exact: true });

/** The scripts the page has fetched so far, with their HTTP status (Resource Timing). */
function scripts(): Promise<{ name: string; status: number }[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => e as PerformanceResourceTiming)
      .filter((e) => /\/assets\/[^/]+\.js$/.test(new URL(e.name).pathname))
      .map((e) => ({ name: new URL(e.name).pathname.split("/").pop() ?? "", status: e.responseStatus })),
  );
}
const fetched = async (chunk: string) => (await scripts()).filter((s) => s.name.startsWith(`${chunk}-`));

describe("lazily loaded views", () => {
  it("loads only the main script first", async () => {
    const first = await scripts();
    expect(first.map((s) => s.name.replace(/-[^-]+\.js$/, ""))).toEqual(["index"]);
  });

  it("loads Markdown with the first reply, and Metrics when its tab opens", async () => {
    await fillRequest(page, `${ui.mockUrl}/v1/chat/completions?delay=0`, chatBody("Say **bold** things"));
    await sendAndWait(page);
    await region("Reply").locator(".markdown").waitFor();
    expect(await fetched("Markdown")).toEqual([expect.objectContaining({ status: 200 })]);
    expect(await fetched("MetricsView")).toEqual([]);

    await page.getByRole("tab", { name: "Metrics" }).click();
    await expect.poll(() => textOf(region("Metrics"))).toMatch(/TTFT\s+\d/);
    expect(await fetched("MetricsView")).toEqual([expect.objectContaining({ status: 200 })]);
  });

  it("says so in the pane when a chunk is refused (no session cookie)", async () => {
    await page.context().clearCookies();
    await page.getByRole("tab", { name: "Rules" }).click();
    const panel = region("Response").getByRole("tabpanel");
    await expect.poll(() => textOf(panel)).toMatch(/Could not load Rules/);
    expect(await fetched("RulesView")).toEqual([expect.objectContaining({ status: 401 })]);
  });
});
