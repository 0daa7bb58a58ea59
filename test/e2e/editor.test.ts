/**
 * The request editor and the response views, in real Chromium against the real server:
 * a pasted curl command becomes the request, the request copies back as curl, query
 * parameters and the URL stay in sync, invalid JSON is pointed at, environment variables
 * fill `{{placeholders}}` with secrets masked, `n>1` gets one tab per choice, the Timeline
 * search filters rows, and the Metrics and Raw tabs show the run.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../src/server/protocol.js";
import type { UiServer } from "../../src/server/serve.js";
import { type AppFixture, chatBody, fillRequest, sendAndWait, setupApp, textOf } from "./harness.js";

const app = setupApp();
let ui: UiServer;
let page: Page;
let home: AppFixture["home"];

beforeAll(() => {
  ({ ui, page, home } = app);
});

const region = (name: string) => page.getByRole("region", { name, exact: true });
const url = () => page.getByRole("textbox", { name: "URL" });

describe("the request editor", () => {
  it("imports a curl command pasted into the URL field", async () => {
    const curl = `curl ${ui.mockUrl}/v1/chat/completions?delay=0 \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer {{OPENAI_API_KEY}}" \\
  -d '${chatBody("Pasted from the docs.", "gpt-4o")}'`;
    await url().click();
    await url().evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, curl);
    await expect.poll(() => url().inputValue()).toBe(`${ui.mockUrl}/v1/chat/completions?delay=0`);
    expect(await page.getByRole("combobox", { name: "Method" }).inputValue()).toBe("POST");
    expect(await page.getByRole("textbox", { name: "Body" }).inputValue()).toContain("Pasted from the docs.");
    await page.getByRole("tab", { name: /Headers/ }).click();
    expect(await page.getByRole("textbox", { name: "Header value 2" }).inputValue()).toBe(
      "Bearer {{OPENAI_API_KEY}}",
    );
    await page.getByRole("tab", { name: "Body" }).click();
  });

  it("copies the request back as curl, placeholders kept", async () => {
    await page.getByRole("button", { name: "curl", exact: true }).click();
    await page.getByRole("button", { name: "Copy as curl" }).click();
    const printed = await page.getByRole("textbox", { name: "curl command" }).inputValue();
    expect(printed).toMatch(/^curl -N /);
    expect(printed).toContain("Authorization: Bearer {{OPENAI_API_KEY}}");
    expect(printed).toContain("--data-raw");
    await page.getByRole("button", { name: "curl", exact: true }).click();
  });

  it("says inside the curl popover why a pasted command cannot be imported", async () => {
    const urlField = page.getByRole("textbox", { name: "URL", exact: true });
    const before = await urlField.inputValue();
    await page.getByRole("button", { name: "curl", exact: true }).click();
    const popover = page.getByRole("group", { name: "curl" });
    await popover.getByRole("textbox", { name: "curl command" }).fill("curl 'unterminated");
    await popover.getByRole("button", { name: "Import" }).click();
    await expect.poll(() => textOf(popover.getByRole("alert"))).toMatch(/unterminated single quote/);
    expect(await urlField.inputValue()).toBe(before);
    // Editing the command clears the stale message.
    await popover.getByRole("textbox", { name: "curl command" }).fill("curl ");
    expect(await popover.getByRole("alert").count()).toBe(0);
    await page.getByRole("button", { name: "curl", exact: true }).click();
    // The header keeps the error until it is dismissed.
    const notice = page.getByRole("banner").getByRole("status");
    expect(await textOf(notice)).toMatch(/Cannot import curl/);
    await page.getByRole("banner").getByRole("button", { name: "Dismiss message" }).click();
    expect(await notice.count()).toBe(0);
  });

  it("keeps query parameters and the URL in sync", async () => {
    await page.getByRole("tab", { name: /Params/ }).click();
    expect(await page.getByRole("textbox", { name: "Query parameter name 1" }).inputValue()).toBe("delay");
    await page.getByRole("textbox", { name: "Query parameter name 2" }).fill("seed");
    await page.getByRole("textbox", { name: "Query parameter value 2" }).fill("a b");
    await expect.poll(() => url().inputValue()).toBe(`${ui.mockUrl}/v1/chat/completions?delay=0&seed=a%20b`);
    await page.getByRole("tab", { name: "Body" }).click();
  });

  it("points at the line and column where the JSON body breaks", async () => {
    const body = page.getByRole("textbox", { name: "Body" });
    const good = await body.inputValue();
    await body.fill('{\n  "model": "gpt-4o",\n  "stream" true\n}');
    await expect
      .poll(() => textOf(page.getByRole("status").filter({ hasText: "Invalid JSON" })))
      .toMatch(/line 3/);
    await body.fill(good);
    await page.getByText("Valid JSON").waitFor();
  });

  it("fills {{variables}} from the environment and masks secrets", async () => {
    await page.getByRole("tab", { name: "Environment" }).click();
    await page.getByRole("button", { name: "New environment" }).click();
    await page.getByRole("textbox", { name: "Variable name 1" }).fill("mock");
    await page.getByRole("textbox", { name: "Variable value 1" }).fill(ui.mockUrl ?? "");
    await page.getByRole("textbox", { name: "Variable name 2" }).fill("OPENAI_API_KEY");
    await page.getByRole("checkbox", { name: "secret" }).nth(1).check();
    await page.getByLabel("Variable value 2").fill("sk-test-secret-value");
    await page.getByRole("button", { name: "Save environments" }).click();
    // Read back from the server: the secret's value never reaches the page again.
    await expect
      .poll(() => page.getByLabel("Variable value 2").inputValue())
      .not.toBe("sk-test-secret-value");
    expect(await page.getByLabel("Variable value 2").getAttribute("type")).toBe("password");
    await url().fill("{{mock}}/v1/chat/completions?delay=0");
    await page.getByRole("tab", { name: "Body" }).click();
    await sendAndWait(page);
    expect(await textOf(region("Summary"))).toMatch(/200/);
    expect(await textOf(region("Reply"))).toMatch(/\w{10,}/);
    expect(await textOf(page.getByRole("navigation", { name: "Sidebar" }))).not.toContain(
      "sk-test-secret-value",
    );
  });

  it("keeps a secret's stored value when the environment and the variable are renamed", async () => {
    // Continues from the environment saved above ("local", with the secret OPENAI_API_KEY).
    await page.getByRole("tab", { name: "Environment" }).click();
    await page.getByRole("textbox", { name: "Environment name" }).fill("staging");
    await page.getByRole("textbox", { name: "Variable name 2" }).fill("STAGING_KEY");
    await page.getByRole("button", { name: "Save environments" }).click();
    await expect
      .poll(async () => JSON.parse(await readFile(path.join(home.dir, "secrets.json"), "utf8")).environments)
      .toEqual({ staging: { STAGING_KEY: "sk-test-secret-value" } });
    // The editor reloads from the server's answer; edit only after that (Save is disabled again).
    await expect.poll(() => page.getByRole("button", { name: "Save environments" }).isDisabled()).toBe(true);
    const stored = await readFile(path.join(home.dir, "environments.json"), "utf8");
    expect(stored).toContain('"staging"');
    expect(stored).not.toContain("sk-test-secret-value");
    // And back (the requests below send {{OPENAI_API_KEY}}): a second rename from the saved names.
    await page.getByRole("textbox", { name: "Variable name 2" }).fill("OPENAI_API_KEY");
    await page.getByRole("button", { name: "Save environments" }).click();
    await expect
      .poll(async () => JSON.parse(await readFile(path.join(home.dir, "secrets.json"), "utf8")).environments)
      .toEqual({ staging: { OPENAI_API_KEY: "sk-test-secret-value" } });
    await expect.poll(() => page.getByRole("button", { name: "Save environments" }).isDisabled()).toBe(true);
    // Unticking "secret" on a masked value empties it: the stored value is never sent back.
    await page.getByRole("checkbox", { name: "secret" }).nth(1).uncheck();
    expect(await page.getByLabel("Variable value 2").inputValue()).toBe("");
    await page.getByRole("checkbox", { name: "secret" }).nth(1).check();
    await page.getByRole("tab", { name: "Body" }).click();
  });

  it("keeps what is typed into the environments while a save is in flight", async () => {
    await page.getByRole("tab", { name: "Environment" }).click();
    // Hold the save on its way to the server, so there is time to type while it is in flight.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let reached = () => {};
    const putSent = new Promise<void>((r) => {
      reached = r;
    });
    await page.route("**/api/environments", async (route) => {
      if (route.request().method() === "PUT") {
        reached();
        await held;
      }
      await route.continue();
    });
    await page.getByRole("textbox", { name: "Variable name 3" }).fill("FIRST_KEY");
    await page.getByRole("checkbox", { name: "secret" }).nth(2).check();
    await page.getByLabel("Variable value 3").fill("sk-first");
    await page.getByRole("button", { name: "Save environments" }).click();
    await putSent;
    await page.getByRole("textbox", { name: "Variable name 4" }).fill("during");
    await page.getByRole("textbox", { name: "Variable value 4" }).fill("typed while saving");
    release();
    // The answer has arrived once the saved secret reads back masked; the row typed since is still there.
    await expect.poll(() => page.getByLabel("Variable value 3").inputValue()).toBe(SECRET_MASK);
    expect(await page.getByRole("textbox", { name: "Variable name 4" }).inputValue()).toBe("during");
    expect(await page.getByRole("textbox", { name: "Variable value 4" }).inputValue()).toBe(
      "typed while saving",
    );
    await page.unroute("**/api/environments");
    await page.getByRole("button", { name: "Save environments" }).click();
    await expect
      .poll(
        async () =>
          JSON.parse(await readFile(path.join(home.dir, "environments.json"), "utf8")).environments[0],
      )
      .toMatchObject({
        variables: expect.arrayContaining([{ name: "during", secret: false, value: "typed while saving" }]),
      });
    expect(
      JSON.parse(await readFile(path.join(home.dir, "secrets.json"), "utf8")).environments.staging,
    ).toMatchObject({
      FIRST_KEY: "sk-first",
    });
    await page.getByRole("tab", { name: "Body" }).click();
  });
});

describe("the response views", () => {
  it("shows one tab per choice for n>1", async () => {
    await fillRequest(
      page,
      `${ui.mockUrl}/v1/chat/completions?delay=0`,
      JSON.stringify({
        model: "gpt-4o",
        stream: true,
        n: 2,
        messages: [{ role: "user", content: "Two takes, please." }],
      }),
    );
    await sendAndWait(page);
    const tabs = region("Reply").getByRole("tab");
    await expect.poll(() => tabs.count()).toBe(2);
    const first = await textOf(region("Reply"));
    await tabs.nth(1).click();
    await expect.poll(() => textOf(region("Reply"))).not.toBe(first);
    await tabs.nth(0).click();
  });

  it("makes a stall and a bunched delivery stand out", async () => {
    await sendAndWait(page, () =>
      page
        .getByRole("list", { name: "Examples" })
        .getByRole("button", { name: /stall, then bunched/ })
        .click(),
    );
    expect(await textOf(region("Summary"))).toMatch(/1 stall/);
    // The Metrics tab says what the burst detector saw (one burst: a hint, as in the CLI).
    await page.getByRole("tab", { name: "Metrics" }).click();
    await expect
      .poll(() => textOf(region("Metrics")))
      .toMatch(/Buffering\s*possible: \d+ events in one chunk after \d[\d.]* s of silence/);
    await page.getByRole("tab", { name: "Stream" }).click();
    // The row after the silence carries its gap, marked as a stall.
    await page.getByRole("searchbox", { name: "Search events" }).fill("");
    const stall = region("Timeline").locator(".tl-gap.stall");
    await region("Timeline")
      .locator(".tl-scroll")
      .evaluate((el) => {
        el.scrollTop = 0;
      });
    await page.getByRole("checkbox", { name: "follow" }).uncheck();
    for (let top = 0; (await stall.count()) === 0 && top < 5000; top += 300) {
      await region("Timeline")
        .locator(".tl-scroll")
        .evaluate((el, t) => {
          el.scrollTop = t;
        }, top);
    }
    expect(Number((await textOf(stall.first())).replace("+", ""))).toBeGreaterThanOrEqual(2000);
    // The events held back during the silence arrive in one network read: bound together below it.
    await stall.first().evaluate((el) => el.closest("li")?.scrollIntoView({ block: "start" }));
    await expect.poll(() => region("Timeline").locator(".tl-row.same-chunk").count()).toBeGreaterThan(0);
  });

  it("overrides format detection from the Rules tab, and goes back to it", async () => {
    await fillRequest(page, `${ui.mockUrl}/v1/chat/completions?delay=0`, chatBody("Detect me."));
    await sendAndWait(page);
    expect(await textOf(region("Summary"))).toMatch(/Format\s+openai-chat/i);
    await page.getByRole("tab", { name: "Rules" }).click();
    await page.getByRole("combobox", { name: "Format" }).selectOption("sse");
    await page.getByRole("tab", { name: "Stream" }).click();
    await expect.poll(() => textOf(region("Summary"))).toMatch(/Format\s+sse/i);
    expect(await textOf(region("Reply"))).toMatch(/No answer in this stream/);
    await page.getByRole("tab", { name: "Rules" }).click();
    await page.getByRole("combobox", { name: "Format" }).selectOption("");
    await page.getByRole("tab", { name: "Stream" }).click();
    await expect.poll(() => textOf(region("Summary"))).toMatch(/Format\s+openai-chat/i);
  });

  it("filters Timeline rows by search text", async () => {
    const rows = region("Timeline").getByRole("listitem");
    const before = await rows.count();
    expect(before).toBeGreaterThan(5);
    await page.getByRole("searchbox", { name: "Search events" }).fill('finish_reason":"stop');
    await expect.poll(() => rows.count()).toBeLessThan(before);
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await textOf(region("Timeline"))).toContain("finish: stop");
    await page.getByRole("searchbox", { name: "Search events" }).fill("");
  });

  it("saves the run's capture to a file and re-opens it, re-merged the same", async () => {
    const reply = await textOf(region("Reply"));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Save capture" }).click(),
    ]);
    const file = path.join(home.dir, "capture.json");
    await download.saveAs(file);
    expect(JSON.parse(await readFile(file, "utf8")).chunks[0].b64).toBeTruthy();
    // Something else on screen first, then the file brings the saved run back.
    await fillRequest(
      page,
      `${ui.mockUrl}/v1/chat/completions?delay=0`,
      chatBody("Something else entirely."),
    );
    await sendAndWait(page);
    expect(await textOf(region("Reply"))).not.toBe(reply);
    await page.getByLabel("Open a capture file…").setInputFiles(file);
    await expect.poll(() => textOf(region("Reply"))).toBe(reply);
  });

  it("shows keyboard focus on the capture file picker's label (the input itself is hidden)", async () => {
    const input = page.getByLabel("Open a capture file…");
    const label = page.locator("label", { has: input });
    const outline = () => label.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(await outline()).toBe("none");
    await input.focus();
    expect(await outline()).toBe("solid");
    await input.blur();
  });

  it("shows metrics with TTFT and the arrivals chart, and the raw body by chunk", async () => {
    await page.getByRole("tab", { name: "Metrics" }).click();
    const metrics = region("Metrics");
    await expect.poll(() => textOf(metrics)).toMatch(/TTFT\s+\d/);
    await metrics.getByRole("img", { name: "Event arrivals over time" }).locator("canvas").waitFor();
    await page.getByRole("tab", { name: "Raw" }).click();
    const raw = region("Raw body");
    await expect.poll(() => textOf(raw)).toMatch(/chunk 0/);
    expect(await textOf(raw)).toContain("data: [DONE]");
    await page.getByRole("tab", { name: "Stream" }).click();
  });

  it("saves from the keyboard: Save focuses the name, Enter saves", async () => {
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const name = page.getByRole("textbox", { name: "Request name" });
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("Keyboard request");
    await page.keyboard.press("Enter");
    await name.waitFor({ state: "detached" });
    await page.getByRole("button", { name: /^[A-Z]+ Keyboard request$/ }).waitFor();
  });
});
