/**
 * Untrusted streams in the page: model output carrying HTML and script is rendered
 * sanitised (nothing runs, no handler attributes survive), invalid UTF-8 shows as hex in
 * the Raw view, and SSE comments appear inline in the Timeline. The stream comes from a
 * plain loopback server, so the bytes are exactly what the test writes.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillRequest, sendAndWait, setupApp, textOf } from "./harness.js";

const app = setupApp();
let page: Page;
let hostile: Server;
let hostileUrl: string;

const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

beforeAll(async () => {
  hostile = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(": keep-alive from the test server\n\n");
    res.write(chunk('Hello <img src=x onerror="window.__pwned=1"> '));
    res.write(chunk('<script>window.__pwned=2</script><a href="javascript:window.__pwned=3">link</a> '));
    res.write(chunk("**bold** done"));
    // A byte sequence that is not UTF-8, inside a comment so the stream still merges.
    res.write(Buffer.concat([Buffer.from(": bad bytes "), Buffer.from([0xff, 0xfe]), Buffer.from("\n\n")]));
    res.end(
      `data: ${JSON.stringify({ id: "x", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`,
    );
  });
  await new Promise<void>((r) => hostile.listen(0, "127.0.0.1", r));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/v1/chat/completions`;
  ({ page } = app);
});

afterAll(async () => {
  await new Promise((r) => hostile?.close(r));
});

const region = (name: string) => page.getByRole("region", { name, exact: true });

describe("a hostile stream", () => {
  it("renders model HTML sanitised: nothing runs, no handlers or javascript: links survive", async () => {
    await fillRequest(page, hostileUrl, JSON.stringify({ model: "x", stream: true, messages: [] }));
    await sendAndWait(page);
    const reply = region("Reply");
    await expect.poll(() => textOf(reply)).toContain("done");
    expect(await textOf(reply.locator(".markdown strong").first())).toBe("bold");
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await reply.locator("script").count()).toBe(0);
    expect(await reply.locator("[onerror]").count()).toBe(0);
    const hrefs = await reply.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.some((h) => h.startsWith("javascript:"))).toBe(false);
    // Links never replace the app: they open apart, without a referrer.
    const targets = await reply
      .locator(".markdown a")
      .evaluateAll((as) => as.map((a) => `${a.getAttribute("target")} ${a.getAttribute("rel")}`));
    for (const t of targets) expect(t).toBe("_blank noopener noreferrer");
  });

  it("shows SSE comments inline in the Timeline", async () => {
    await expect.poll(() => textOf(region("Timeline"))).toContain("keep-alive from the test server");
  });

  it("shows bytes that are not UTF-8 as hex in the Raw view", async () => {
    await page.getByRole("tab", { name: "Raw" }).click();
    // The two bytes may land in different network chunks: each shows as hex where it came.
    await expect.poll(() => textOf(region("Raw body"))).toMatch(/\\xFF[\s\S]*\\xFE/);
    expect(await textOf(region("Raw body"))).not.toContain("\uFFFD");
    await page.getByRole("tab", { name: "Stream" }).click();
  });
});
