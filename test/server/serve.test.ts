/**
 * `startUi` over a real loopback socket: where it listens, the token exchange
 * as a browser does it, Host checks on the wire, persistence across a
 * restart and owner-only file modes.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { request } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startUi, type UiServer } from "../../src/server/serve.js";
import { createLiveClient } from "../../web/api/index.js";

let home: string;
const servers: UiServer[] = [];

beforeEach(async () => {
  home = join(await mkdtemp(join(tmpdir(), "sselens-serve-")), "home");
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await rm(join(home, ".."), { recursive: true, force: true });
});

const start = async (): Promise<UiServer> => {
  const ui = await startUi({ port: 0, open: false, home, staticDir: null });
  servers.push(ui);
  return ui;
};

/** Signs in like the browser: GET the printed URL, keep the cookie from the redirect. */
async function signIn(ui: UiServer): Promise<string> {
  const res = await fetch(ui.url, { redirect: "manual" });
  expect(res.status).toBe(303);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

/** A raw HTTP GET with a chosen Host header (fetch will not let us lie about Host). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startUi", () => {
  it("listens on 127.0.0.1 only and prints a URL with a token of at least 128 bits", async () => {
    const ui = await start();
    expect(ui.address).toBe("127.0.0.1");
    expect(ui.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ui.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect(ui.mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Not reachable on any other address of this machine.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    if (external) {
      const reached = await fetch(`http://${external.address}:${ui.port}/`).then(
        () => true,
        () => false,
      );
      expect(reached).toBe(false);
    }
  });

  it("two launches get different tokens", async () => {
    const a = await start();
    const b = await start();
    expect(new URL(a.url).searchParams.get("token")).not.toBe(new URL(b.url).searchParams.get("token"));
  });

  it("the printed URL signs the browser in; the cookie then opens the API", async () => {
    const ui = await start();
    const cookie = await signIn(ui);
    const base = `http://127.0.0.1:${ui.port}`;
    expect((await fetch(`${base}/api/info`)).status).toBe(401);
    const info = await fetch(`${base}/api/info`, { headers: { cookie } });
    expect(info.status).toBe(200);
    expect(((await info.json()) as { mockUrl: string }).mockUrl).toBe(ui.mockUrl);
  });

  it("on the wire, a rebinding Host is refused even with the cookie", async () => {
    const ui = await start();
    const cookie = await signIn(ui);
    expect(await rawGet(ui.port, "/api/info", { host: `127.0.0.1:${ui.port}`, cookie })).toBe(200);
    expect(await rawGet(ui.port, "/api/info", { host: `attacker.example:${ui.port}`, cookie })).toBe(403);
    expect(await rawGet(ui.port, "/api/info", { host: `localhost:${ui.port}`, cookie, origin: "null" })).toBe(
      403,
    );
  });

  it("a saved request survives close() and a new start with the same home; files are owner-only", async () => {
    const first = await start();
    const cookie = await signIn(first);
    const base = `http://127.0.0.1:${first.port}`;
    const withCookie: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("cookie", cookie);
      return fetch(input, { ...init, headers });
    };
    const client = createLiveClient({ baseUrl: base, fetch: withCookie });
    const saved = {
      collections: [
        {
          id: "c",
          name: "Kept",
          requests: [
            {
              id: "r",
              name: "mock chat",
              request: {
                method: "POST",
                url: `${first.mockUrl}/v1/chat/completions`,
                headers: [],
                body: "{}",
              },
            },
          ],
        },
      ],
    };
    await client.saveCollections(saved);
    await client.saveEnvironments({
      active: "dev",
      environments: [{ name: "dev", variables: [{ name: "k", value: "secret-value-123", secret: true }] }],
    });
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start();
    const cookie2 = await signIn(second);
    expect(cookie2).not.toBe(cookie);
    const again = await fetch(`http://127.0.0.1:${second.port}/api/collections`, {
      headers: { cookie: cookie2 },
    });
    expect(await again.json()).toEqual(saved);

    expect((await stat(home)).mode & 0o777).toBe(0o700);
    const files = await readdir(home);
    expect(files.sort()).toEqual(["collections.json", "environments.json", "secrets.json"]);
    for (const file of files) expect((await stat(join(home, file))).mode & 0o777).toBe(0o600);
  });

  it("over the real socket, run messages stream as they happen: a cancel after the first chunk ends the run aborted", async () => {
    const ui = await start();
    const cookie = await signIn(ui);
    const withCookie: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("cookie", cookie);
      return fetch(input, { ...init, headers });
    };
    const client = createLiveClient({ baseUrl: `http://127.0.0.1:${ui.port}`, fetch: withCookie });
    const handle = client.run({
      request: {
        method: "POST",
        url: `${ui.mockUrl}/v1/chat/completions?delay=200&jitter=0`,
        headers: [["content-type", "application/json"]],
        body: JSON.stringify({
          model: "gpt-4o-mini",
          stream: true,
          messages: [{ role: "user", content: "hi" }],
        }),
      },
    });
    for await (const message of handle) if (message.type === "chunk") await handle.cancel();
    const { capture } = await handle.done;
    expect(capture.end.reason).toBe("aborted");
    expect(capture.chunks.length).toBeGreaterThan(0);
  });

  it("a page that goes away mid-run stops the run on the server", async () => {
    const ui = await start();
    const cookie = await signIn(ui);
    const base = `http://127.0.0.1:${ui.port}`;
    const controller = new AbortController();
    const res = await fetch(`${base}/api/runs`, {
      method: "POST",
      signal: controller.signal,
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({
        request: {
          method: "POST",
          url: `${ui.mockUrl}/v1/chat/completions?delay=200&jitter=0&length=20`,
          headers: [["content-type", "application/json"]],
          body: JSON.stringify({
            model: "gpt-4o-mini",
            stream: true,
            messages: [{ role: "user", content: "hi" }],
          }),
        },
      }),
    });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    let end: string | null = null;
    while (end === null) {
      await new Promise((r) => setTimeout(r, 50));
      const runs = (await (await fetch(`${base}/api/runs`, { headers: { cookie } })).json()) as {
        end: string | null;
      }[];
      end = runs[0]?.end ?? null;
    }
    expect(end).toBe("aborted");
  });

  it("closes cleanly: the port stops answering", async () => {
    const ui = await start();
    await ui.close();
    servers.splice(servers.indexOf(ui), 1);
    const reached = await fetch(`http://127.0.0.1:${ui.port}/`).then(
      () => true,
      () => false,
    );
    expect(reached).toBe(false);
  });
});
