/**
 * The built page (`dist/web`, made by Vite from `web/`). Served only behind the
 * guard (the cookie is required for assets too). Any GET outside `/api/` that
 * names no file gets `index.html`, so the page's own routes survive a reload.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

/** A file under `root` for a URL path, or null; never a path outside `root`. */
async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

/** The answer for a GET of `urlPath`, or null when there is nothing to serve. */
export async function serveStatic(root: string | null, urlPath: string): Promise<Response | null> {
  if (!root) {
    return new Response("sselens: the web app is not built (run `npm run build`).\n", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const file =
    (await resolveFile(root, urlPath)) ?? (extname(urlPath) === "" ? join(root, "index.html") : null);
  if (!file) return null;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return null;
  }
  return new Response(new Uint8Array(body), {
    headers: { "content-type": TYPES[extname(file)] ?? "application/octet-stream" },
  });
}
