/**
 * Starts `sselens ui`: the app bound to 127.0.0.1 only (never 0.0.0.0), the
 * mock provider in-process (so the ready-made requests work offline), and the
 * browser on the printed URL.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { startMock } from "../mock/index.js";
import { send } from "../node/http/send.js";
import { createApp } from "./app.js";
import { createRuns, type SendFn } from "./runs.js";
import { defaultHome } from "./store/files.js";
import { openStore } from "./store/store.js";

export interface UiOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Open the browser on the URL (default true). */
  open?: boolean;
  /** Where saved requests and environments live (default `SSELENS_HOME` or `~/.sselens`). */
  home?: string;
  /** Start the built-in mock provider (default true). */
  mock?: boolean;
  /** The built page; by default `dist/web` beside the running bundle. */
  staticDir?: string | null;
  /** Shown by `GET /api/info` (the CLI passes its own; else read from package.json). */
  version?: string;
  /** For tests: how requests are sent (default E5's `send`). */
  send?: SendFn;
}

export interface UiServer {
  /** The page's URL with the launch token: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  port: number;
  /** The address the socket is bound to (always `127.0.0.1`). */
  address: string;
  /** The in-process mock provider's base URL, or null when it is off. */
  mockUrl: string | null;
  home: string;
  /** Stops runs in flight, the server and the mock. */
  close(): Promise<void>;
}

/** The loopback address, and nothing else: the server must not be reachable from the network. */
export const UI_HOST = "127.0.0.1";

/**
 * Starts the UI server.
 * @example
 * const ui = await startUi({ port: 0, open: false });
 * console.log(ui.url); // http://127.0.0.1:41234/?token=…
 * await ui.close();
 */
export async function startUi(options: UiOptions = {}): Promise<UiServer> {
  const home = options.home ?? defaultHome();
  const store = await openStore(home);
  const mock = options.mock === false ? null : await startMock({ host: UI_HOST });
  // 256 bits, URL-safe: guessing it is not an option for a page in another tab.
  const token = randomBytes(32).toString("base64url");
  const runs = createRuns({ send: options.send ?? send });
  let port = 0;
  const app = createApp({
    token,
    port: () => port,
    store,
    runs,
    version: options.version ?? (await packageVersion()),
    mockUrl: mock?.url ?? null,
    staticDir: options.staticDir === undefined ? findStaticDir() : options.staticDir,
  });

  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: UI_HOST });
  try {
    await new Promise<void>((resolve, reject) => {
      if (server.listening) resolve();
      server.once("listening", () => resolve());
      server.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === "EADDRINUSE"
              ? `port ${options.port} on ${UI_HOST} is in use: choose another with --port, or --port 0`
              : `cannot listen on ${UI_HOST}:${options.port ?? 0}: ${error.message}`,
          ),
        ),
      );
    });
  } catch (error) {
    await mock?.close();
    throw error;
  }
  const bound = server.address() as AddressInfo;
  port = bound.port;
  const url = `http://${UI_HOST}:${port}/?token=${token}`;
  if (options.open !== false) openBrowser(url);

  return {
    url,
    port,
    address: bound.address,
    mockUrl: mock?.url ?? null,
    home,
    async close() {
      runs.cancelAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await mock?.close();
    },
  };
}

/** `dist/web` next to the running bundle (`dist/cli.js`), or the repo's `dist/web` when run from source. */
function findStaticDir(): string | null {
  for (const candidate of ["./web/", "../../dist/web/"]) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir.replace(/[\\/]$/, "");
  }
  return null;
}

async function packageVersion(): Promise<string> {
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(await readFile(new URL(candidate, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "sselens" && pkg.version) return pkg.version;
    } catch {
      // Not there from this location: try the next.
    }
  }
  return "0.0.0";
}

/** Best effort: a machine without a browser still has the printed URL. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", '""', url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No opener: the URL is printed.
  }
}
