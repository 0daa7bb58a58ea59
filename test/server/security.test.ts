/**
 * The guard, replayed with the page's own API calls: one thing wrong at a time
 * (no cookie, a foreign Host, a foreign or null Origin, a cross-site fetch, a
 * non-JSON state change) must be refused, and every answer carries the
 * security headers and no CORS header.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieName } from "../../src/server/security.js";
import { createTestApp, HOST, PORT, type TestApp, TOKEN } from "./helpers.js";

/** What the page calls (method, path, JSON body). */
const PAGE_CALLS: [string, string, string | undefined][] = [
  ["GET", "/api/info", undefined],
  ["GET", "/api/templates", undefined],
  ["GET", "/api/runs", undefined],
  ["GET", "/api/runs/some-id", undefined],
  [
    "POST",
    "/api/runs",
    JSON.stringify({ request: { method: "GET", url: "http://127.0.0.1:9/", headers: [], body: null } }),
  ],
  ["POST", "/api/runs/some-id/cancel", "{}"],
  ["GET", "/api/collections", undefined],
  ["PUT", "/api/collections", JSON.stringify({ collections: [] })],
  ["GET", "/api/environments", undefined],
  ["PUT", "/api/environments", JSON.stringify({ active: null, environments: [] })],
  ["GET", "/", undefined],
  ["GET", "/assets/app.js", undefined],
];

let t: TestApp;
let staticDir: string;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), "sselens-web-"));
  await mkdir(join(staticDir, "assets"));
  await writeFile(join(staticDir, "index.html"), "<!doctype html><title>sselens</title>");
  await writeFile(join(staticDir, "assets", "app.js"), "console.log('app')");
  t = await createTestApp({ staticDir });
});
afterAll(async () => {
  await t.close();
  await rm(staticDir, { recursive: true, force: true });
});

const call = (
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string | null>,
) =>
  t.request(path, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body }),
  });

describe("every route needs the session cookie", () => {
  it.each(PAGE_CALLS)("%s %s without the cookie is 401", async (method, path, body) => {
    const res = await call(method, path, body, { cookie: null });
    expect(res.status).toBe(401);
  });
  it.each(PAGE_CALLS)("%s %s with a wrong cookie is 403", async (method, path, body) => {
    const res = await call(method, path, body, { cookie: `${cookieName(PORT)}=${TOKEN.replace(/.$/, "x")}` });
    expect(res.status).toBe(403);
  });
  it("the cookie of another port's sselens is not accepted", async () => {
    const res = await call("GET", "/api/info", undefined, { cookie: `${cookieName(PORT + 1)}=${TOKEN}` });
    expect(res.status).toBe(401);
  });
  it("with the cookie, the page and its assets are served", async () => {
    expect((await call("GET", "/", undefined, {})).status).toBe(200);
    const asset = await call("GET", "/assets/app.js", undefined, {});
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect((await call("GET", "/api/info", undefined, {})).status).toBe(200);
  });
  it("a path climbing out of the web root is not served", async () => {
    const res = await call("GET", "/assets/..%2f..%2f..%2fetc%2fpasswd", undefined, {});
    expect(await res.text()).not.toContain("root:");
  });
});

describe("DNS rebinding: only this server's Host names", () => {
  const foreign = [
    "evil.example:43210",
    "evil.example",
    `127.0.0.1:${PORT + 1}`,
    "localhost",
    "0.0.0.0:43210",
    "127.0.0.2:43210",
  ];
  it.each(PAGE_CALLS)("%s %s with Host evil.example:PORT is 403", async (method, path, body) => {
    expect((await call(method, path, body, { host: `evil.example:${PORT}` })).status).toBe(403);
  });
  it.each(foreign)("Host %s is 403", async (host) => {
    expect((await call("GET", "/api/info", undefined, { host })).status).toBe(403);
  });
  it.each([`127.0.0.1:${PORT}`, `localhost:${PORT}`, `[::1]:${PORT}`, `LOCALHOST:${PORT}`])(
    "Host %s is accepted",
    async (host) => {
      expect((await call("GET", "/api/info", undefined, { host })).status).toBe(200);
    },
  );
  it("a request without Host is 403", async () => {
    expect((await call("GET", "/api/info", undefined, { host: null })).status).toBe(403);
  });
});

describe("Origin and Sec-Fetch-Site", () => {
  it.each(PAGE_CALLS)("%s %s from a foreign Origin is 403", async (method, path, body) => {
    expect((await call(method, path, body, { origin: "https://evil.example" })).status).toBe(403);
  });
  it.each(PAGE_CALLS)("%s %s with Origin null is 403", async (method, path, body) => {
    expect((await call(method, path, body, { origin: "null" })).status).toBe(403);
  });
  it.each(["http://127.0.0.1:3000", `https://${HOST}`, `http://${HOST}.evil.example`, `http://${HOST}/`])(
    "Origin %s is 403",
    async (origin) => {
      expect((await call("GET", "/api/info", undefined, { origin })).status).toBe(403);
    },
  );
  it.each(["cross-site", "same-site"])("Sec-Fetch-Site %s is 403", async (site) => {
    expect((await call("GET", "/api/info", undefined, { "sec-fetch-site": site })).status).toBe(403);
  });
  it("the page's own origin and same-origin fetches are accepted", async () => {
    const res = await call("GET", "/api/info", undefined, {
      origin: `http://${HOST}`,
      "sec-fetch-site": "same-origin",
    });
    expect(res.status).toBe(200);
  });
});

describe("state changes need Content-Type: application/json", () => {
  const changes = PAGE_CALLS.filter(([method]) => method !== "GET");
  it.each(changes)("%s %s as text/plain is 415", async (method, path, body) => {
    expect((await call(method, path, body, { "content-type": "text/plain" })).status).toBe(415);
  });
  it.each(changes)("%s %s as a form is 415", async (method, path, body) => {
    const res = await call(method, path, body, { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
  });
  it("without a content type is 415", async () => {
    const res = await t.request("/api/collections", {
      method: "PUT",
      body: JSON.stringify({ collections: [] }),
    });
    expect(res.status).toBe(415);
  });
  it("application/json with a charset is accepted", async () => {
    const res = await call("PUT", "/api/collections", JSON.stringify({ collections: [] }), {
      "content-type": "application/json; charset=utf-8",
    });
    expect(res.status).toBe(200);
  });
});

describe("the token exchange", () => {
  it("trades the printed token for an HttpOnly SameSite=Strict cookie and drops it from the URL", async () => {
    const res = await call("GET", `/?token=${TOKEN}`, undefined, { cookie: null, "sec-fetch-site": "none" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`${cookieName(PORT)}=${TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
  });
  it("refuses a wrong token without setting a cookie", async () => {
    const res = await call("GET", `/?token=${TOKEN.slice(0, -1)}0`, undefined, { cookie: null });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
  it("only at / : a token elsewhere does not sign in", async () => {
    const res = await call("GET", `/api/info?token=${TOKEN}`, undefined, { cookie: null });
    expect(res.status).toBe(401);
  });
  it("a foreign Host cannot exchange the token either", async () => {
    const res = await call("GET", `/?token=${TOKEN}`, undefined, { cookie: null, host: "evil.example" });
    expect(res.status).toBe(403);
  });
});

describe("headers on every answer", () => {
  const answers: [string, () => Promise<Response>][] = [
    ["an API answer", () => call("GET", "/api/info", undefined, {})],
    ["a 401", () => call("GET", "/api/info", undefined, { cookie: null })],
    ["a foreign-Host 403", () => call("GET", "/api/info", undefined, { host: "evil.example" })],
    ["a static asset", () => call("GET", "/assets/app.js", undefined, {})],
    ["a 404", () => call("GET", "/api/nothing", undefined, {})],
  ];
  it.each(answers)("%s carries CSP, nosniff and no-referrer", async (_, get) => {
    const res = await get();
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).not.toMatch(/blob:|\*/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });
  it("no CORS headers, even on a preflight from a foreign origin", async () => {
    const res = await call("OPTIONS", "/api/runs", undefined, {
      origin: "https://evil.example",
      "access-control-request-method": "POST",
    });
    expect(res.status).toBe(403);
    for (const name of res.headers.keys()) expect(name).not.toMatch(/^access-control-/);
    const ok = await call("GET", "/api/info", undefined, {});
    for (const name of ok.headers.keys()) expect(name).not.toMatch(/^access-control-/);
  });
});
