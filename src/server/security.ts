/**
 * The guard in front of every route. A local server that sends arbitrary HTTP
 * on the user's behalf is a target: web pages the user visits can reach
 * 127.0.0.1, and DNS rebinding can make them same-origin with it (Ollama's
 * CVE-2024-28224). So, in order:
 *
 * 1. `Host` must name this server (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`): 403.
 * 2. `Origin`, when present, must be this server (`null` refused); `Sec-Fetch-Site`,
 *    when present, must be `same-origin` or `none` (a typed URL): 403.
 * 3. `GET /?token=…` trades the printed per-launch token for an HttpOnly,
 *    SameSite=Strict cookie and redirects to `/`, dropping the token from the URL.
 * 4. Every other request needs that cookie, static assets included: 401 without, 403 wrong.
 * 5. State-changing methods need `Content-Type: application/json` (a cross-site form
 *    cannot send it without a CORS preflight, which gets no CORS headers): 415.
 *
 * No CORS headers are ever sent. Every answer, refusals included, carries the
 * headers in `SECURITY_HEADERS`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

/**
 * The Content-Security-Policy. `'self'` everywhere; the exceptions, each needed:
 * - `script-src 'wasm-unsafe-eval'`: the rule sandbox runs QuickJS compiled to
 *   WebAssembly in a Web Worker (issue #5, `web/sandbox`); compiling WebAssembly
 *   needs this keyword. It allows WebAssembly compilation only, not JavaScript
 *   `eval`. The worker and the `.wasm` file are same-origin files Vite emits, so
 *   `worker-src` and `connect-src` stay `'self'` (no `blob:` or `data:`).
 * - `img-src data:`: small inline icons; remote images (e.g. in model-written
 *   Markdown) stay blocked, so rendering a reply cannot call out.
 * `style-src` stays `'self'`: React and uPlot set styles through the CSSOM,
 * which CSP does not restrict.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
};

export interface GuardOptions {
  /** The per-launch secret printed in the URL. */
  token: string;
  /** The port the server listens on (known only after listen with `--port 0`). */
  port: () => number;
}

/** Hosts this server answers to, on `port`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** The cookie carries the port: cookies are shared across ports of one host, sselens launches are not. */
export function cookieName(port: number): string {
  return `sselens_session_${port}`;
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

const refuse = (c: Context, status: 401 | 403 | 415, message: string): Response =>
  c.json({ error: { code: `http-${status}`, message } }, status);

const STATE_SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The middleware described above; mount it before every route. */
export function guard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const port = options.port();
    const hosts = allowedHosts(port);
    const host = c.req.header("host")?.toLowerCase();
    if (!host || !hosts.includes(host))
      return refuse(c, 403, `Host ${host ?? "(none)"} is not this sselens server`);

    const origin = c.req.header("origin");
    if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
      return refuse(c, 403, `requests from origin ${origin} are not accepted`);
    }
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      return refuse(c, 403, `${site} requests are not accepted`);
    }

    const name = cookieName(port);
    const url = new URL(c.req.url);
    const offered = url.searchParams.get("token");
    if (c.req.method === "GET" && url.pathname === "/" && offered !== null) {
      if (!sameSecret(offered, options.token))
        return refuse(c, 403, "wrong token: open the URL sselens ui printed");
      setCookie(c, name, options.token, { httpOnly: true, sameSite: "Strict", path: "/" });
      return c.redirect("/", 303);
    }

    const cookie = getCookie(c, name);
    if (cookie === undefined)
      return refuse(c, 401, "not signed in: open the URL sselens ui printed (with ?token=)");
    if (!sameSecret(cookie, options.token))
      return refuse(c, 403, "stale session: open the URL sselens ui printed");

    if (!STATE_SAFE.has(c.req.method)) {
      const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json")
        return refuse(c, 415, `${c.req.method} needs Content-Type: application/json`);
    }
    await next();
  };
}

/** Adds `SECURITY_HEADERS` to every answer, refusals and errors included; strips any CORS header. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    for (const name of [...c.res.headers.keys()]) {
      if (name.startsWith("access-control-")) c.res.headers.delete(name);
    }
  };
}
