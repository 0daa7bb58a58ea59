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

/** The scripts (or style sheets) the page has fetched so far, with their HTTP status (Resource Timing). */
function assets(ext = "js"): Promise<{ name: string; status: number }[]> {
  return page.evaluate(
    (ext) =>
      performance
        .getEntriesByType("resource")
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => new RegExp(`/assets/[^/]+\\.${ext}$`).test(new URL(e.name).pathname))
        .map((e) => ({ name: new URL(e.name).pathname.split("/").pop() ?? "", status: e.responseStatus })),
    ext,
  );
}
/** A chunk's name without its content hash (Vite's: 8 characters of base64url, which may hold "-"). */
const chunkName = (file: string) => file.replace(/-[\w-]{8}\.\w+$/, "");
const fetched = async (chunk: string, ext = "js") =>
  (await assets(ext)).filter((s) => chunkName(s.name) === chunk);

describe("lazily loaded views", () => {
  it("loads only the main script first", async () => {
    const first = await assets();
    expect(first.map((s) => chunkName(s.name))).toEqual(["index"]);
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
    // uPlot's style sheet comes with it, as a same-origin <link> the CSP allows.
    expect(await fetched("MetricsView", "css")).toEqual([expect.objectContaining({ status: 200 })]);
  });

  it("merges with a saved JSONPath rule on a fresh page, the rule engine fetched for it", async () => {
    const doc = {
      collections: [
        {
          id: "lazy-collection",
          name: "Lazy collection",
          requests: [
            {
              id: "lazy-request",
              name: "By rule",
              request: {
                method: "POST",
                url: `${ui.mockUrl}/v1/chat/completions?delay=0`,
                headers: [["Content-Type", "application/json"]],
                body: chatBody("Hello"),
              },
              rule: { kind: "jsonpath", rule: { content: "$.object" } },
            },
          ],
        },
      ],
    };
    const status = await page.evaluate(async (body) => {
      const init = { method: "PUT", headers: { "Content-Type": "application/json" }, body };
      return (await fetch("api/collections", init)).status;
    }, JSON.stringify(doc));
    expect(status).toBe(200);
    await page.reload();
    await page
      .getByRole("list", { name: "Lazy collection" })
      .getByRole("button", { name: "POST By rule" })
      .click();
    expect(await fetched("rules")).toEqual([]);
    await sendAndWait(page);
    // The rule, not the format's own merge, made the reply: one `object` field per event.
    await expect.poll(() => textOf(region("Reply"))).toContain("chat.completion.chunkchat.completion.chunk");
    expect(await fetched("rules")).toEqual([expect.objectContaining({ status: 200 })]);
  });

  it("says so in the pane when a chunk is refused (no session cookie)", async () => {
    await page.context().clearCookies();
    await page.getByRole("tab", { name: "Rules" }).click();
    const panel = region("Response").getByRole("tabpanel");
    await expect.poll(() => textOf(panel)).toMatch(/Could not load Rules/);
    expect(await fetched("RulesView")).toEqual([expect.objectContaining({ status: 401 })]);
  });
});
