/**
 * Builds the real app over a temporary SSELENS_HOME and a real mock provider on
 * loopback, and a fetch that carries what the page's browser would send
 * (Host and the session cookie), so tests can replay the page's calls with
 * one header changed at a time.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { type MockServer, startMock } from "../../src/mock/index.js";
import { send } from "../../src/node/http/send.js";
import { createApp } from "../../src/server/app.js";
import { createRuns } from "../../src/server/runs.js";
import { cookieName } from "../../src/server/security.js";
import { openStore } from "../../src/server/store/store.js";

export const PORT = 43210;
export const TOKEN = "test-token-0123456789abcdef0123456789abcdef";
export const HOST = `127.0.0.1:${PORT}`;
export const COOKIE = `${cookieName(PORT)}=${TOKEN}`;

export interface TestApp {
  app: Hono;
  home: string;
  mock: MockServer;
  /** `app.request` with the page's Host and cookie; `init.headers` override them (null removes one). */
  request(
    path: string,
    init?: { method?: string; headers?: Record<string, string | null>; body?: string },
  ): Promise<Response>;
  /** A fetch for `createLiveClient({ fetch })`, as the signed-in page. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { staticDir?: string | null; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const home = await mkdtemp(join(tmpdir(), "sselens-ui-test-"));
  const mock = await startMock();
  const store = await openStore(home, options.env ?? {});
  const runs = createRuns({ send });
  const app = createApp({
    token: TOKEN,
    port: () => PORT,
    store,
    runs,
    version: "test",
    mockUrl: mock.url,
    staticDir: options.staticDir ?? null,
  });
  const request: TestApp["request"] = (path, init = {}) => {
    const headers: Record<string, string> = { host: HOST, cookie: COOKIE };
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    const requestInit: RequestInit = { method: init.method ?? "GET", headers };
    if (init.body !== undefined) requestInit.body = init.body;
    return Promise.resolve(app.request(path, requestInit));
  };
  const fetchAsPage: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("host", HOST);
    headers.set("cookie", COOKIE);
    headers.set("origin", `http://${HOST}`);
    headers.set("sec-fetch-site", "same-origin");
    return app.request(String(input), { ...init, headers });
  };
  return {
    app,
    home,
    mock,
    request,
    fetch: fetchAsPage,
    async close() {
      runs.cancelAll();
      await mock.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Reads an NDJSON answer to the end. */
export async function readLines(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as unknown);
}
