/**
 * The I-Regexp (RFC 9485) parser: pattern text to a small syntax tree, or a
 * `PatternError` saying what is wrong and where. Compiling and matching are in
 * iregexp.ts.
 */

export type Pred = (cp: number) => boolean;

export type Node =
  | { t: "char"; pred: Pred }
  | { t: "cat"; items: Node[] }
  | { t: "alt"; items: Node[] }
  | { t: "rep"; node: Node; min: number; max: number | null }
  | { t: "bol" }
  | { t: "eol" };

const CATEGORIES = new Set([
  "L",
  "Ll",
  "Lm",
  "Lo",
  "Lt",
  "Lu",
  "M",
  "Mc",
  "Me",
  "Mn",
  "N",
  "Nd",
  "Nl",
  "No",
  "P",
  "Pc",
  "Pd",
  "Pe",
  "Pf",
  "Pi",
  "Po",
  "Ps",
  "S",
  "Sc",
  "Sk",
  "Sm",
  "So",
  "Z",
  "Zl",
  "Zp",
  "Zs",
  "C",
  "Cc",
  "Cf",
  "Cn",
  "Co",
]);

/** Repetition counts are clamped to this (the compiler refuses far smaller automata already). */
const MAX_COUNT = 1_000_000;

const SINGLE_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09 };
// Characters that `\` may escape as themselves: ( ) * + - . ? [ \ ] ^ { | }
const ESCAPABLE = new Set("()*+-.?[\\]^{|}");
// Characters that cannot stand for themselves outside a class.
const SPECIAL = new Set("()*+.?[\\]{|}");

export class PatternError extends Error {}

/** A one-character test for a Unicode general category; a single-code-point RegExp test is linear. */
function category(name: string, negate: boolean): Pred {
  if (!CATEGORIES.has(name)) throw new PatternError(`unknown category ${name}`);
  const re = new RegExp(`^\\p{${name}}$`, "u");
  return negate ? (cp) => !re.test(String.fromCodePoint(cp)) : (cp) => re.test(String.fromCodePoint(cp));
}

const isDot: Pred = (cp) => cp !== 0x0a && cp !== 0x0d;

class Parser {
  private i = 0;
  constructor(private readonly cps: string[]) {}

  parse(): Node {
    const node = this.alt();
    if (this.i < this.cps.length) throw new PatternError(`unexpected '${this.cps[this.i]}' at ${this.i}`);
    return node;
  }

  private peek(): string | undefined {
    return this.cps[this.i];
  }

  private take(): string {
    const c = this.cps[this.i++];
    if (c === undefined) throw new PatternError("unexpected end of pattern");
    return c;
  }

  private alt(): Node {
    const items = [this.branch()];
    while (this.peek() === "|") {
      this.i++;
      items.push(this.branch());
    }
    return items.length === 1 ? items[0]! : { t: "alt", items };
  }

  private branch(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== "|" && c !== ")"; c = this.peek()) {
      items.push(this.piece());
    }
    return { t: "cat", items };
  }

  private piece(): Node {
    const atom = this.atom();
    const c = this.peek();
    if (c !== "*" && c !== "+" && c !== "?" && c !== "{") return atom;
    if (atom.t === "bol" || atom.t === "eol") throw new PatternError("an anchor cannot be quantified");
    this.i++;
    if (c === "*") return { t: "rep", node: atom, min: 0, max: null };
    if (c === "+") return { t: "rep", node: atom, min: 1, max: null };
    if (c === "?") return { t: "rep", node: atom, min: 0, max: 1 };
    const min = this.int();
    let max: number | null = min;
    if (this.peek() === ",") {
      this.i++;
      max = this.peek() === "}" ? null : this.int();
    }
    if (this.take() !== "}") throw new PatternError("unclosed quantifier");
    if (max !== null && max < min) throw new PatternError("quantifier range out of order");
    return { t: "rep", node: atom, min, max };
  }

  private int(): number {
    let s = "";
    for (let c = this.peek(); c !== undefined && c >= "0" && c <= "9"; c = this.peek()) s += this.take();
    if (s === "") throw new PatternError("quantifier without a number");
    // Anything this large exceeds the compiler's state limit anyway; keep the number small.
    return Math.min(Number(s), MAX_COUNT);
  }

  private atom(): Node {
    const c = this.take();
    if (c === "(") {
      const node = this.alt();
      if (this.take() !== ")") throw new PatternError("unclosed group");
      return node;
    }
    if (c === ".") return { t: "char", pred: isDot };
    if (c === "[") return { t: "char", pred: this.charClass() };
    if (c === "\\") return { t: "char", pred: this.escape() };
    if (c === "^") return { t: "bol" };
    if (c === "$") return { t: "eol" };
    if (SPECIAL.has(c)) throw new PatternError(`unexpected '${c}'`);
    const cp = c.codePointAt(0)!;
    return { t: "char", pred: (x) => x === cp };
  }

  /** After a backslash: a category escape or a single-character escape. */
  private escape(): Pred {
    const c = this.take();
    if (c === "p" || c === "P") {
      if (this.take() !== "{") throw new PatternError("expected '{' after \\p");
      let name = "";
      for (let d = this.take(); d !== "}"; d = this.take()) name += d;
      return category(name, c === "P");
    }
    const cp = this.singleEscape(c);
    return (x) => x === cp;
  }

  private singleEscape(c: string): number {
    const mapped = SINGLE_ESCAPES[c];
    if (mapped !== undefined) return mapped;
    if (ESCAPABLE.has(c)) return c.codePointAt(0)!;
    throw new PatternError(`invalid escape \\${c}`);
  }

  /** After `[`: `[^...]`, ranges, escapes; `-` is literal first or last. */
  private charClass(): Pred {
    const negate = this.peek() === "^";
    if (negate) this.i++;
    const preds: Pred[] = [];
    let first = true;
    for (;;) {
      const c = this.take();
      if (c === "]" && !first) break;
      if (c === "-" && (first || this.peek() === "]")) {
        preds.push((x) => x === 0x2d);
      } else if (c === "\\" && (this.peek() === "p" || this.peek() === "P")) {
        preds.push(this.escape());
      } else {
        const lo = this.classChar(c);
        if (this.peek() === "-" && this.cps[this.i + 1] !== "]") {
          this.i++;
          const hi = this.classChar(this.take());
          if (hi < lo) throw new PatternError("class range out of order");
          preds.push((x) => x >= lo && x <= hi);
        } else {
          preds.push((x) => x === lo);
        }
      }
      first = false;
    }
    const any: Pred = (x) => preds.some((p) => p(x));
    return negate ? (x) => !any(x) : any;
  }

  private classChar(c: string): number {
    if (c === "\\") return this.singleEscape(this.take());
    if (c === "-" || c === "[" || c === "]") throw new PatternError(`unexpected '${c}' in a class`);
    return c.codePointAt(0)!;
  }
}

/** Parse an I-Regexp pattern; throws `PatternError` when it is not one. */
export function parsePattern(pattern: string): Node {
  return new Parser(Array.from(pattern)).parse();
}
