/**
 * A request's timeout in real Chromium against the real server and mock: a stream that stalls
 * past it ends "timed out" with the reply received so far still shown; a provider that never
 * answers says no headers came; the timeout is saved with the request and travels through
 * curl as `--max-time`; an out-of-range value is refused with the reason.
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
const timeout = () => page.getByRole("spinbutton", { name: "Timeout (seconds)" });

async function runWithTimeout(query: string, seconds: string, content: string): Promise<void> {
  await fillRequest(page, `${ui.mockUrl}/v1/chat/completions?${query}`, chatBody(content, "gpt-4o"));
  await timeout().fill(seconds);
  await send().click();
  await page
    .getByRole("button", { name: "Cancel", exact: true })
    .waitFor({ state: "detached", timeout: 20_000 });
}

describe("a request's timeout", () => {
  it("ends a stalled stream as timed out and keeps the reply received so far", async () => {
    // The mock sends a few events, then stalls far past the 1 s the request allows.
    await runWithTimeout("delay=5&jitter=0&stall=30000&at=8", "1", "Tell me about tides.");
    await expect.poll(alertText).toMatch(/^Timed out at /);
    const alert = await alertText();
    expect(alert).toContain("was still going after the request's timeout of 1 s");
    expect(alert).toContain("Everything received before it is kept.");
    expect(await textOf(region("Summary"))).toMatch(/timed out/);
    expect(await textOf(region("Summary"))).toMatch(/200/);
    expect((await textOf(region("Reply"))).trim().length).toBeGreaterThan(5);
    expect(await region("Timeline").getByRole("listitem").count()).toBeGreaterThan(2);
  });

  it("says when no response headers came within it", async () => {
    await runWithTimeout("wait=30000", "0.5", "Anyone there?");
    await expect.poll(alertText).toMatch(/^Timed out at /);
    const alert = await alertText();
    expect(alert).toContain("no response headers from");
    expect(alert).toContain("within the request's timeout of 0.5 s");
    expect(alert).not.toContain("Everything received");
    const summary = await textOf(region("Summary"));
    expect(summary).toMatch(/no response/);
    expect(summary).toMatch(/timed out/);
  });

  it("refuses an out-of-range timeout on Send with the reason, and marks the field", async () => {
    await fillRequest(page, `${ui.mockUrl}/v1/chat/completions?delay=0`, chatBody("Hi", "gpt-4o"));
    await timeout().fill("0");
    expect(await timeout().getAttribute("aria-invalid")).toBe("true");
    await send().click();
    await expect.poll(alertText).toContain("request.timeout must be a number of seconds above 0");
    await timeout().fill("");
    expect(await timeout().getAttribute("aria-invalid")).toBeNull();
  });

  it("is saved with the request and comes back when it is opened", async () => {
    await fillRequest(page, `${ui.mockUrl}/v1/chat/completions?delay=0`, chatBody("Keep my timeout."));
    await timeout().fill("42.5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("textbox", { name: "Request name" }).fill("Patient request");
    await page.getByRole("combobox", { name: "Collection" }).fill("Timeouts");
    await page.getByRole("button", { name: "Save request" }).click();
    const saved = page
      .getByRole("list", { name: "Timeouts" })
      .getByRole("button", { name: "POST Patient request" });
    await saved.waitFor();

    await page.reload();
    await page.getByRole("textbox", { name: "URL" }).waitFor();
    expect(await timeout().inputValue()).toBe("");
    await saved.click();
    await expect.poll(() => timeout().inputValue()).toBe("42.5");
  });

  it("is copied as curl --max-time, and -m in an imported curl command sets it", async () => {
    await page.getByRole("button", { name: "curl", exact: true }).click();
    await page.getByRole("button", { name: "Copy as curl" }).click();
    const printed = await page.getByRole("textbox", { name: "curl command" }).inputValue();
    expect(printed).toContain("--max-time 42.5");

    await page
      .getByRole("textbox", { name: "curl command" })
      .fill(`curl -N -m 7 ${ui.mockUrl}/v1/chat/completions -d '${chatBody("Imported.")}'`);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => timeout().inputValue()).toBe("7");
    expect(await page.getByRole("textbox", { name: "Body" }).inputValue()).toContain("Imported.");
  });
});
