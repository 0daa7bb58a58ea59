/**
 * JSON helpers for the body editor and the timeline: a tolerant tokenizer for syntax
 * highlighting (any text, valid or not, comes back as tokens that concatenate to it),
 * validation that says where the error is, and pretty-printing that never throws.
 */

export type TokenKind = "key" | "string" | "number" | "literal" | "punct" | "space" | "var" | "other";
export interface Token {
  kind: TokenKind;
  text: string;
}

const TOKEN =
  /("(?:[^"\\\n]|\\.)*"?)|(\{\{\s*[\w.-]+\s*\}\})|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\]:,])|(\s+)|(.)/gy;

/** Split text into highlight tokens. Concatenating the tokens gives back the text exactly. */
export function tokenizeJson(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null = TOKEN.exec(text);
  while (m !== null) {
    const [all, str, v, num, lit, punct, space] = m;
    let kind: TokenKind = "other";
    if (str !== undefined)
      kind = /^\s*:/.test(text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 40)) ? "key" : "string";
    else if (v !== undefined) kind = "var";
    else if (num !== undefined) kind = "number";
    else if (lit !== undefined) kind = "literal";
    else if (punct !== undefined) kind = "punct";
    else if (space !== undefined) kind = "space";
    const last = tokens[tokens.length - 1];
    if (kind === "other" && last?.kind === "other") last.text += all;
    else tokens.push({ kind, text: all });
    m = TOKEN.exec(text);
  }
  return tokens;
}

export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * Why `text` is not JSON, with a 1-based line and column, or null when it is.
 * `{{name}}` placeholders count as values, since they are filled in before sending.
 */
export function jsonProblem(text: string): JsonProblem | null {
  if (text.trim() === "") return null;
  const filled = text.replace(/\{\{\s*[\w.-]+\s*\}\}/g, (s) => "0".padEnd(s.length, " "));
  try {
    JSON.parse(filled);
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : filled.length;
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    return { message: msg.replace(/\s*\(line \d+ column \d+\)/, ""), line, column };
  }
}

/** Pretty JSON when `text` parses, else null. */
export function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
