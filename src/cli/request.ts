/** Turning curl-style flags (`-X`, `-H`, `-d`) into the request to send. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { redactUrl } from "../core/capture/redact.js";
import { type Header, headerValue } from "../core/capture/types.js";
import { InputError, UsageError } from "./errors.js";
import type { CliIo } from "./io.js";

/** RFC 9110 token characters: what a header name may contain. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parse one `-H 'Name: value'`. `Name;` sends an empty header, as curl does.
 * @throws UsageError for anything else, saying which header.
 */
export function parseHeader(text: string): Header {
  const semi = /^([^:;\s]+);\s*$/.exec(text);
  if (semi?.[1] && TOKEN.test(semi[1])) return [semi[1], ""];
  const colon = text.indexOf(":");
  const name = colon > 0 ? text.slice(0, colon).trim() : "";
  if (colon <= 0 || name === "") {
    throw new UsageError(`malformed header ${JSON.stringify(text)}: expected 'Name: value'`);
  }
  if (!TOKEN.test(name)) {
    // Say what is wrong with the name: a space or a non-ASCII letter is easy to miss.
    throw new UsageError(
      `malformed header ${JSON.stringify(text)}: the name ${JSON.stringify(name)} may hold only letters, digits and !#$%&'*+.^_\`|~- (no spaces)`,
    );
  }
  const value = text.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(value))
    throw new UsageError(`malformed header ${JSON.stringify(text)}: the value has a line break`);
  return [name, value];
}

/** Read `-d`: a literal string, `@file`, or `@-` for stdin. */
export async function readData(data: string, io: CliIo): Promise<string | Uint8Array> {
  if (!data.startsWith("@")) return data;
  const source = data.slice(1);
  if (source === "-") {
    const parts: Uint8Array[] = [];
    for await (const part of io.stdin) parts.push(part);
    return Buffer.concat(parts);
  }
  try {
    return await readFile(resolve(io.cwd, source));
  } catch (error) {
    throw new InputError(`cannot read data file ${source}: ${describeFsError(error)}`);
  }
}

/** `ENOENT: no such file…` → `no such file or directory`. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const messages: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "it is a directory",
    ENOTDIR: "a parent is not a directory",
  };
  return (e.code && messages[e.code]) ?? e.message ?? String(error);
}

/** Is the body JSON (so it is sent as application/json unless a content type was given)? */
export function looksLikeJson(body: string | Uint8Array): boolean {
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

export interface RequestFlags {
  url: string;
  method: string | undefined;
  headers: readonly string[];
  data: string | undefined;
}

export interface PreparedRequest {
  method: string;
  url: string;
  headers: Header[];
  body: string | Uint8Array | null;
}

/** Build the request: parse headers, read the body, pick the method and content type. */
export async function prepareRequest(
  flags: RequestFlags,
  io: CliIo,
  userAgent: string,
): Promise<PreparedRequest> {
  const url = checkUrl(flags.url);
  const headers = flags.headers.map(parseHeader);
  const body = flags.data === undefined ? null : await readData(flags.data, io);
  const method = (flags.method ?? (body === null ? "GET" : "POST")).toUpperCase();
  if (!TOKEN.test(method)) throw new UsageError(`invalid method ${JSON.stringify(flags.method)}`);
  if (body !== null && headerValue(headers, "content-type") === undefined && looksLikeJson(body)) {
    headers.push(["Content-Type", "application/json"]);
  }
  if (headerValue(headers, "user-agent") === undefined) headers.push(["User-Agent", userAgent]);
  return { method, url, headers, body };
}

/** The URL, checked: absolute, http or https. */
export function checkUrl(text: string): string {
  // `localhost:8080/v1` parses as the scheme `localhost:`: suggest what was meant.
  const hint = /^[\w.-]+(:\d+)?(\/|$)/.test(text) ? ` (did you mean http://${text}?)` : "";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`invalid URL ${JSON.stringify(redactUrl(text))}${hint}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    const why = hint || ": only http:// and https:// are supported";
    throw new UsageError(`invalid URL ${JSON.stringify(redactUrl(text))}${why}`);
  }
  return text;
}
