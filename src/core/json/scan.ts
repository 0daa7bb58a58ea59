/**
 * A light scan of a JSON text that `JSON.parse` has already accepted: where each string and
 * number value sits and the path that leads to it. Used only to learn a stream's envelope
 * (template.ts), never to parse.
 */

/** A key or an array index on the way to a value. */
export type PathSegment = string | number;

/** A string or number value in the text. */
export interface ValueToken {
  kind: "string" | "integer" | "number";
  /** Offset of the first character (the opening quote of a string). */
  start: number;
  /** Offset just past the value (past the closing quote of a string). */
  end: number;
  /** Keys and indexes from the root to this value. */
  path: PathSegment[];
}

/**
 * The string and number values of `text`, in order, or null when the text has more than
 * `maxTokens` of them, repeats a key in an object, or is not shaped as expected (the caller
 * then simply does not learn it).
 *
 * @example
 * scanValues('{"a":[1,"x"]}', 8);
 * // [{ kind: "integer", start: 6, end: 7, path: ["a", 0] }, { kind: "string", start: 8, end: 11, path: ["a", 1] }]
 */
export function scanValues(text: string, maxTokens: number): ValueToken[] | null {
  const tokens: ValueToken[] = [];
  const path: PathSegment[] = [];
  const inArray: boolean[] = [];
  // Keys seen in each open object: a duplicated key makes JSON.parse keep the last value, which
  // no template can follow, so such a text is refused (null).
  const keys: (Set<string> | null)[] = [];
  let expectKey = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const array = c === 0x5b;
      inArray.push(array);
      keys.push(array ? null : new Set());
      path.push(array ? 0 : "");
      expectKey = !array;
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (inArray.pop() === undefined) return null;
      keys.pop();
      path.pop();
      expectKey = false;
      i++;
    } else if (c === 0x2c /* , */) {
      const top = path.length - 1;
      if (top < 0) return null;
      if (inArray[top]) path[top] = (path[top] as number) + 1;
      else expectKey = true;
      i++;
    } else if (c === 0x3a /* : */) {
      expectKey = false;
      i++;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x22) break;
        if (d === 0x5c) {
          escaped = true;
          j += 2;
        } else j++;
      }
      if (j >= n) return null;
      const end = j + 1;
      if (expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, end)) as string) : text.slice(i + 1, j);
        const seen = keys[keys.length - 1];
        if (seen === undefined || seen === null || seen.has(key)) return null;
        seen.add(key);
        path[path.length - 1] = key;
      } else {
        if (tokens.length === maxTokens) return null;
        tokens.push({ kind: "string", start: i, end, path: path.slice() });
      }
      i = end;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      let integer = true;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) j++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          integer = false;
          j++;
        } else break;
      }
      if (tokens.length === maxTokens) return null;
      tokens.push({ kind: integer ? "integer" : "number", start: i, end: j, path: path.slice() });
      i = j;
    } else i++; // whitespace, and the letters of true/false/null
  }
  return inArray.length === 0 ? tokens : null;
}
