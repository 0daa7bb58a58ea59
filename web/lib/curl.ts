/**
 * Import and export requests as curl command lines. Pure: no DOM, no I/O.
 *
 * The parser understands what people paste from provider docs and browser dev tools:
 * POSIX shell quoting (single, double, `$'...'`), backslash-newline continuations,
 * `-X`, `-H`, `-d`/`--data*`/`--json`, `-u`, `--url`, `-m`/`--max-time`, and ignores display flags.
 */

export type HeaderPair = [name: string, value: string];

export interface CurlRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: string | null;
  /** Seconds the whole exchange may take (`-m`/`--max-time`). */
  timeout?: number;
}

export interface CurlParse {
  request: CurlRequest;
  /** Options that were recognised but have no meaning here, or were not understood. */
  warnings: string[];
}

/** A curl command that cannot be imported; the message says what and where. */
export class CurlParseError extends Error {
  override name = "CurlParseError";
}

export function isCurlParseError(e: unknown): e is CurlParseError {
  return e instanceof CurlParseError;
}

/** Split a shell command line into words (no globbing, no variable expansion). */
export function shellWords(input: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i]!;
    if (c === "\\" && (input[i + 1] === "\n" || (input[i + 1] === "\r" && input[i + 2] === "\n"))) {
      i += input[i + 1] === "\r" ? 3 : 2; // line continuation
      continue;
    }
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const close = input.indexOf("'", i + 1);
      if (close < 0) throw new CurlParseError(`unterminated single quote at character ${i + 1}`);
      word += input.slice(i + 1, close);
      i = close + 1;
    } else if (c === "$" && input[i + 1] === "'") {
      const [text, next] = ansiC(input, i + 2);
      word += text;
      i = next;
    } else if (c === '"') {
      i++;
      while (i < n && input[i] !== '"') {
        if (input[i] === "\\" && i + 1 < n && '"\\$`\n'.includes(input[i + 1]!)) {
          if (input[i + 1] !== "\n") word += input[i + 1];
          i += 2;
        } else word += input[i++];
      }
      if (i >= n) throw new CurlParseError("unterminated double quote");
      i++;
    } else if (c === "\\") {
      if (i + 1 < n) word += input[i + 1];
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const ANSI_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "0": "\0",
};

function ansiC(input: string, from: number): [string, number] {
  let out = "";
  let i = from;
  while (i < input.length && input[i] !== "'") {
    if (input[i] === "\\" && i + 1 < input.length) {
      const e = input[i + 1]!;
      if (e === "x" || e === "u") {
        const len = e === "x" ? 2 : 4;
        const hex = input.slice(i + 2, i + 2 + len);
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 2 + len;
        continue;
      }
      out += ANSI_ESCAPES[e] ?? e;
      i += 2;
    } else out += input[i++];
  }
  if (i >= input.length) throw new CurlParseError("unterminated $'...' quote");
  return [out, i + 1];
}

const IGNORED = new Set([
  "-N",
  "--no-buffer",
  "-s",
  "--silent",
  "-S",
  "--show-error",
  "-v",
  "--verbose",
  "-i",
  "--include",
  "-L",
  "--location",
  "--compressed",
  "-k",
  "--insecure",
  "-f",
  "--fail",
  "-#",
  "--progress-bar",
]);
const IGNORED_WITH_VALUE = new Set(["-o", "--output", "--connect-timeout", "-w", "--write-out"]);
const DATA_FLAGS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json"]);

/**
 * Parse a curl command line.
 * @example parseCurl(`curl https://api.openai.com/v1/chat/completions -H 'Authorization: Bearer $KEY' -d '{"stream":true}'`)
 */
export function parseCurl(command: string): CurlParse {
  const words = shellWords(command.trim());
  if (words[0] !== "curl") throw new CurlParseError("not a curl command: it must start with `curl`");
  const warnings: string[] = [];
  const headers: HeaderPair[] = [];
  const data: string[] = [];
  let method: string | null = null;
  let url: string | null = null;
  let json = false;
  let head = false;
  let timeout: number | undefined;
  for (let i = 1; i < words.length; i++) {
    let w = words[i]!;
    let inline: string | null = null;
    const eq = w.startsWith("--") ? w.indexOf("=") : -1;
    if (eq > 0) {
      inline = w.slice(eq + 1);
      w = w.slice(0, eq);
    } else if (/^-[XHdum]./.test(w)) {
      inline = w.slice(2);
      w = w.slice(0, 2);
    }
    const value = (): string => {
      if (inline !== null) return inline;
      const v = words[++i];
      if (v === undefined) throw new CurlParseError(`option ${w} needs a value (word ${i})`);
      return v;
    };
    if (w === "-X" || w === "--request") method = value().toUpperCase();
    else if (w === "-H" || w === "--header") {
      const h = value();
      const colon = h.indexOf(":");
      if (colon <= 0) throw new CurlParseError(`malformed header "${h}": expected "Name: value"`);
      headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
    } else if (DATA_FLAGS.has(w)) {
      const v = value();
      if (v.startsWith("@") && w !== "--data-raw")
        warnings.push(`${w} ${v}: files cannot be read here; kept as text`);
      data.push(v);
      if (w === "--json") json = true;
    } else if (w === "-u" || w === "--user") {
      headers.push(["Authorization", `Basic ${btoa(value())}`]);
    } else if (w === "-A" || w === "--user-agent") headers.push(["User-Agent", value()]);
    else if (w === "-e" || w === "--referer") headers.push(["Referer", value()]);
    else if (w === "-b" || w === "--cookie") headers.push(["Cookie", value()]);
    else if (w === "--url") url = value();
    else if (w === "-m" || w === "--max-time") {
      const v = value();
      const seconds = Number(v);
      if (v.trim() === "" || !Number.isFinite(seconds) || seconds < 0)
        warnings.push(`${w} ${v}: not a number of seconds; ignored`);
      else if (seconds > 0) timeout = seconds; // curl reads 0 as no limit
    } else if (w === "-I" || w === "--head") head = true;
    else if (IGNORED.has(w)) continue;
    else if (IGNORED_WITH_VALUE.has(w)) value();
    else if (w.startsWith("-") && w.length > 1) warnings.push(`ignored option ${w}`);
    else if (url === null) url = w;
    else warnings.push(`ignored extra argument "${w}"`);
  }
  if (url === null) throw new CurlParseError("no URL in the curl command");
  const body = data.length > 0 ? data.join("&") : null;
  if (json) {
    if (!hasHeader(headers, "content-type")) headers.push(["Content-Type", "application/json"]);
    if (!hasHeader(headers, "accept")) headers.push(["Accept", "application/json"]);
  }
  const finalMethod = method ?? (head ? "HEAD" : body !== null ? "POST" : "GET");
  const request: CurlRequest = { method: finalMethod, url, headers, body };
  if (timeout !== undefined) request.timeout = timeout;
  return { request, warnings };
}

function hasHeader(headers: HeaderPair[], name: string): boolean {
  return headers.some(([k]) => k.toLowerCase() === name);
}

/** Quote a word for a POSIX shell. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Print a request as a curl command line (`-N` so the stream is not buffered).
 * Secrets should be left as `{{name}}` references by the caller, never resolved.
 */
export function printCurl(req: CurlRequest): string {
  const implied = req.body !== null ? "POST" : "GET";
  const method = req.method.toUpperCase() !== implied ? ` -X ${req.method.toUpperCase()}` : "";
  const lines = [`curl -N${method} ${shellQuote(req.url)}`];
  for (const [k, v] of req.headers) lines.push(`-H ${shellQuote(`${k}: ${v}`)}`);
  if (req.timeout !== undefined) lines.push(`--max-time ${req.timeout}`);
  if (req.body !== null) lines.push(`--data-raw ${shellQuote(req.body)}`);
  return lines.join(" \\\n  ");
}
