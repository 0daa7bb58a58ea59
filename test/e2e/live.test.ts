/**
 * The page on a live stream, in real headless Chromium against the real `sselens ui`
 * server and its in-process mock provider: rows appear while the stream is still
 * running, the Thinking and the Reply are read apart, TTFT shows, an earlier run
 * re-opens from the sidebar exactly as it was, and a JSONPath rule previews live.
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
const rows = () => region("Timeline").getByRole("listitem");

async function waitComplete(): Promise<void> {
  await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 20_000 });
}

describe("a live stream in the page", () => {
  it("shows Timeline rows as events arrive, before the stream ends", async () => {
    await fillRequest(
      page,
      `${ui.mockUrl}/v1/chat/completions?delay=60&jitter=0`,
      chatBody("Why is the sky blue?"),
    );
    await page.getByRole("button", { name: "Send", exact: true }).click();
    // Wait for a few rows, then check the stream is still going: they were not drawn at the end.
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole("button", { name: "Cancel", exact: true }).isVisible()).toBe(true);
    const early = Number(
      (await textOf(region("Summary"))).match(/Events\s+([\d,]+)/i)?.[1]?.replace(/,/g, ""),
    );
    await waitComplete();
    const final = Number(
      (await textOf(region("Summary"))).match(/Events\s+([\d,]+)/i)?.[1]?.replace(/,/g, ""),
    );
    expect(early).toBeGreaterThanOrEqual(3);
    expect(final).toBeGreaterThan(early);
  });

  it("keeps the Thinking and the Reply apart, with TTFT in the summary", async () => {
    const thinking = (await textOf(region("Thinking"))).replace(/^.*Thinking.*\n/, "").trim();
    const reply = await textOf(region("Reply"));
    expect(thinking.length).toBeGreaterThan(40);
    expect(reply).toMatch(/sky/i);
    // The first sentence of the thinking must not leak into the reply, nor the reply into the thinking.
    const firstThought = thinking.split(/[.?!]/)[0]!.trim();
    expect(firstThought.length).toBeGreaterThan(5);
    expect(reply).not.toContain(firstThought);
    const summary = await textOf(region("Summary"));
    expect(summary).toMatch(/TTFT\s+\d[\d.,]*\s*(ms|s)/);
    expect(summary).toMatch(/200/);
    expect(summary).toMatch(/complete/);
  });

  it("collapses the Thinking on request and shows the Reply as plain text or Markdown", async () => {
    const toggle = region("Thinking").getByRole("button", { name: /Thinking/ });
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await textOf(region("Thinking"))).not.toMatch(/Okay|question/);
    await toggle.click();
    await expect.poll(() => textOf(region("Thinking"))).toMatch(/\w{5,}/);
    const rendered = region("Reply").locator(".markdown p");
    expect(await rendered.count()).toBeGreaterThan(0);
    await region("Reply").getByRole("button", { name: "Plain text" }).click();
    expect(await rendered.count()).toBe(0);
    // Plain-text slices use content-visibility: auto, so their text is laid out (and in
    // innerText) from the next frame on: poll rather than read once.
    await expect.poll(() => textOf(region("Reply"))).toMatch(/sky/i);
    await region("Reply").getByRole("button", { name: "Markdown" }).click();
    expect(await rendered.count()).toBeGreaterThan(0);
  });

  it("expands a row to its pretty JSON and raw lines", async () => {
    await region("Timeline").getByRole("button").filter({ hasText: "usage" }).first().click();
    const detail = region("Timeline").locator(".tl-detail");
    await expect.poll(() => textOf(detail)).toContain('"usage"');
    expect(await textOf(detail)).toContain("data: {");
  });

  it("re-opens an earlier run from the sidebar exactly as it was", async () => {
    const firstReply = await textOf(region("Reply"));
    await fillRequest(
      page,
      `${ui.mockUrl}/v1/chat/completions?delay=0`,
      chatBody("Tell me about tides.", "gpt-4o"),
    );
    await sendAndWait(page);
    const runs = page.getByRole("list", { name: "Runs" }).getByRole("button");
    expect(await runs.count()).toBe(2);
    await expect.poll(() => textOf(region("Reply"))).not.toBe(firstReply);
    // Runs are listed newest first: the earlier one is second.
    await runs.nth(1).click();
    await expect.poll(() => textOf(region("Reply"))).toBe(firstReply);
    expect((await textOf(region("Thinking"))).length).toBeGreaterThan(40);
  });

  it("previews a JSONPath rule live as it is edited, and refuses a bad path", async () => {
    await page.getByRole("tab", { name: "Rules" }).click();
    const editor = page.getByRole("textbox", { name: "Rule" });
    await editor.fill('{"content": "$.choices[0].delta.content"}');
    const preview = region("Rule preview");
    await expect.poll(() => textOf(preview)).toMatch(/extracted/);
    const withContent = await textOf(preview);
    expect(withContent).toMatch(/sky/i);
    await editor.fill('{"content": "$.choices[0].delta.nothing_here"}');
    await expect.poll(() => textOf(preview)).toContain("(no content extracted)");
    await editor.fill('{"content": "$.choices[0"}');
    const errors = page.getByRole("alert").filter({ hasText: "content" });
    await expect.poll(() => errors.count()).toBeGreaterThan(0);
    await page.getByRole("tab", { name: "Stream" }).click();
  });

  it("previews a script in the sandbox, with its errors and limits", async () => {
    await page.getByRole("tab", { name: "Rules" }).click();
    await page.getByRole("radio", { name: "Script" }).check();
    const editor = page.getByRole("textbox", { name: "Script" });
    const preview = region("Script preview");
    await editor.fill(
      'function onEvent(e) { const d = e.json?.choices?.[0]?.delta; console.log("seen " + e.index); return d?.content ? d.content.toUpperCase() : null; }',
    );
    // On a busy machine the sandbox may not start in time; the user's remedy is "Run again".
    for (let attempt = 0; ; attempt++) {
      try {
        await expect.poll(() => textOf(preview), { timeout: 10_000 }).toMatch(/SKY/);
        break;
      } catch (e) {
        console.error(`script preview attempt ${attempt}:`, await textOf(region("Rules")));
        if (attempt === 2) throw e;
        await page.getByRole("button", { name: "Run again" }).click();
      }
    }
    expect(await textOf(preview)).toContain("seen 1");
    // Used, the script merges the Reply of the run (and of the request's next runs).
    await page.getByRole("button", { name: "Use this script" }).click();
    await page.getByRole("tab", { name: "Stream" }).click();
    await expect
      .poll(() => textOf(region("Reply")), { timeout: 15_000 })
      .toMatch(/merged by script[\s\S]*SKY/);
    await page.getByRole("tab", { name: "Rules" }).click();
    await editor.fill("function onEvent(e) { while (true) {} }");
    const problems = page.getByRole("alert").filter({ hasText: /limit/i });
    await expect.poll(() => problems.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await editor.fill("function onEvent(e) {\n  return (;\n}");
    await expect
      .poll(() => textOf(page.getByRole("alert").filter({ hasText: /line 2/ })), { timeout: 15_000 })
      .toMatch(/line 2/);
    await page.getByRole("radio", { name: "JSONPath rule" }).check();
    await page.getByRole("tab", { name: "Stream" }).click();
  });
});
