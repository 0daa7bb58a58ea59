/**
 * Redaction of credentials before a capture, a URL or headers reach disk, logs
 * or a screen share. Browser-safe (no Node APIs).
 *
 * A redacted value keeps a short hint so that a user can still tell which key
 * was used: a well-known non-secret prefix (`sk-`, `sk-ant-`, `AIza`) and, for
 * long secrets only, the last four characters, e.g. `Bearer sk-…abcd`. That is
 * what provider dashboards show; it never reveals enough to use the key.
 */
import type { Capture, Header } from "./types.js";

/** The redaction marker; a value containing it is never redacted twice. */
export const REDACTED = "…";

/** Header names (lowercase) whose values are secrets. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "api-key",
  "x-goog-api-key",
  "cookie",
  "set-cookie",
]);

/** Query parameters (lowercase) whose values are secrets (Gemini's `key=`, and common spellings). */
export const SECRET_QUERY_PARAMS: ReadonlySet<string> = new Set([
  "key",
  "api_key",
  "api-key",
  "apikey",
  "access_token",
  "token",
]);

/** Secrets shorter than this show no tail at all. */
const MIN_LENGTH_FOR_TAIL = 20;
const KNOWN_PREFIX = /^(sk-(?:ant-|proj-|or-v1-)?|AIza|gsk_|xai-|r8_|hf_)/;

/**
 * A hint for one secret token: its well-known prefix and, when long, its last 4 characters.
 * @example redactSecret("sk-proj-abcdefghijklmnopqrstuvwxyz1234") // "sk-proj-…1234"
 */
export function redactSecret(secret: string): string {
  if (secret.includes(REDACTED)) return secret;
  const prefix = KNOWN_PREFIX.exec(secret)?.[1] ?? "";
  const tail = secret.length >= MIN_LENGTH_FOR_TAIL ? secret.slice(-4) : "";
  return `${prefix}${REDACTED}${tail}`;
}

/** The value of a secret header, redacted. The auth scheme (`Bearer`) stays; `Basic` credentials show nothing. */
export function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (!SECRET_HEADERS.has(lower)) return value;
  if (value.includes(REDACTED)) return value;
  if (lower === "cookie" || lower === "set-cookie") return redactCookie(value, lower === "set-cookie");
  const match = /^(\s*)([A-Za-z][\w.+-]*)(\s+)(\S.*)$/.exec(value);
  if ((lower === "authorization" || lower === "proxy-authorization") && match) {
    const [, lead, scheme, gap, credentials] = match as unknown as [string, string, string, string, string];
    // Basic carries base64("user:password"): any slice of it may leak the password.
    const hint = scheme.toLowerCase() === "basic" ? REDACTED : redactSecret(credentials.trim());
    return `${lead}${scheme}${gap}${hint}`;
  }
  return redactSecret(value.trim());
}

/** Cookie values are secrets, their names are not: `session=…`. In Set-Cookie only the first pair is a value. */
function redactCookie(value: string, attributesFollow: boolean): string {
  const pair = /(^|;)(\s*)([^=;]+)=([^;]*)/g;
  let count = 0;
  return value.replace(pair, (m, sep: string, gap: string, key: string) =>
    attributesFollow && count++ > 0 ? m : `${sep}${gap}${key}=${REDACTED}`,
  );
}

/**
 * Headers with secret values redacted (a new list; order and names kept).
 * @example redactHeaders([["Authorization", "Bearer sk-abc…"]])
 */
export function redactHeaders(headers: readonly Header[]): Header[] {
  return headers.map(([name, value]) => [name, redactHeaderValue(name, value)]);
}

/**
 * A URL with secret query parameters (`key=`, `api_key=`, …) and a userinfo password redacted.
 * Works on the text, so an unparsable URL is redacted too and nothing else is re-encoded.
 * @example redactUrl("https://x.dev/v1?alt=sse&key=AIzaSyD0123456789abcdefghij") // "...&key=AIza…ghij"
 */
export function redactUrl(url: string): string {
  // Userinfo: a password is a secret; a user name alone is often an API key (`https://KEY@host`).
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    if (colon === -1) return userinfo === "" ? `${scheme}@` : `${scheme}${redactSecret(userinfo)}@`;
    const password = userinfo.slice(colon + 1);
    return `${scheme}${userinfo.slice(0, colon)}:${password === "" ? "" : REDACTED}@`;
  });
  out = out.replace(/([?&;])([^=&#;]+)=([^&#;]*)/g, (m, sep: string, key: string, value: string) => {
    if (!SECRET_QUERY_PARAMS.has(safeDecode(key).toLowerCase()) || value === "") return m;
    return `${sep}${key}=${redactSecret(safeDecode(value))}`;
  });
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/**
 * A copy of the capture with secrets redacted in the request URL and headers and
 * in the response headers (`Set-Cookie`). Body chunks are shared, not copied.
 */
export function redactCapture(capture: Capture): Capture {
  return {
    ...capture,
    request: {
      ...capture.request,
      url: redactUrl(capture.request.url),
      headers: redactHeaders(capture.request.headers),
    },
    response: capture.response && { ...capture.response, headers: redactHeaders(capture.response.headers) },
  };
}
