/**
 * A linear-time matcher for I-Regexp (RFC 9485), the regular-expression dialect of
 * JSONPath's `match()` and `search()`.
 *
 * Why not `RegExp`: patterns come from users and shared rule collections, and a
 * backtracking engine takes exponential time on patterns like `(a+)+$`; a native
 * regex cannot be interrupted, so a deadline cannot help. I-Regexp has no
 * back-references and no look-around, so it compiles to a Thompson NFA that is
 * simulated in O(input × pattern) steps: no pattern can hang the app.
 *
 * Bounds (documented in docs/rules.md): a pattern compiles to at most
 * `MAX_STATES` NFA states; an input longer than `MAX_INPUT` code units, or a
 * match that would take more than `MAX_STEPS` steps, gives up. Giving up is
 * reported to the caller (the rule turns it into a note), never silent.
 *
 * Compatibility: like JavaScript's `u`-mode regexes (and the JSONPath Compliance
 * Test Suite), `^` and `$` outside a class are start and end anchors.
 */

export const MAX_STATES = 10_000;
export const MAX_INPUT = 1_000_000;
export const MAX_STEPS = 20_000_000;

type Pred = (cp: number) => boolean;

type Node =
  | { t: "char"; pred: Pred }
  | { t: "cat"; items: Node[] }
  | { t: "alt"; items: Node[] }
  | { t: "rep"; node: Node; min: number; max: number | null }
  | { t: "bol" }
  | { t: "eol" };

type State =
  | { t: "char"; pred: Pred; next: number }
  | { t: "split"; a: number; b: number }
  | { t: "bol"; next: number }
  | { t: "eol"; next: number }
  | { t: "match" };

/** A compiled pattern. `test` returns null when it gave up (input too long, step budget spent). */
export interface IRegexp {
  /** Does the whole input match (`match()`)? */
  full(input: string): boolean | null;
  /** Does some substring match (`search()`)? */
  search(input: string): boolean | null;
}

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

const SINGLE_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09 };
// Characters that `\` may escape as themselves: ( ) * + - . ? [ \ ] ^ { | }
const ESCAPABLE = new Set("()*+-.?[\\]^{|}");
// Characters that cannot stand for themselves outside a class.
const SPECIAL = new Set("()*+.?[\\]{|}");

class PatternError extends Error {}

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
    // Anything this large would exceed MAX_STATES anyway.
    return Math.min(Number(s), MAX_STATES + 1);
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

class Compiler {
  readonly states: State[] = [];

  add(s: State): number {
    if (this.states.length >= MAX_STATES)
      throw new PatternError(`pattern too complex (over ${MAX_STATES} states)`);
    this.states.push(s);
    return this.states.length - 1;
  }

  /** Compile `node` so that it continues at state `next`; returns its start state. */
  compile(node: Node, next: number): number {
    switch (node.t) {
      case "char":
        return this.add({ t: "char", pred: node.pred, next });
      case "bol":
        return this.add({ t: "bol", next });
      case "eol":
        return this.add({ t: "eol", next });
      case "cat": {
        let start = next;
        for (let k = node.items.length - 1; k >= 0; k--) start = this.compile(node.items[k]!, start);
        return start;
      }
      case "alt": {
        let start = this.compile(node.items[node.items.length - 1]!, next);
        for (let k = node.items.length - 2; k >= 0; k--) {
          start = this.add({ t: "split", a: this.compile(node.items[k]!, next), b: start });
        }
        return start;
      }
      case "rep": {
        let start: number;
        if (node.max === null) {
          const loop = this.add({ t: "split", a: -1, b: next });
          (this.states[loop] as { a: number }).a = this.compile(node.node, loop);
          start = loop;
        } else {
          start = next;
          for (let k = 0; k < node.max - node.min; k++) {
            start = this.add({ t: "split", a: this.compile(node.node, start), b: next });
          }
        }
        for (let k = 0; k < node.min; k++) start = this.compile(node.node, start);
        return start;
      }
    }
  }
}

function simulate(states: State[], start: number, input: string, anchored: boolean): boolean | null {
  if (input.length > MAX_INPUT) return null;
  const cps = Array.from(input, (ch) => ch.codePointAt(0)!);
  const n = cps.length;
  const mark = new Int32Array(states.length).fill(-1);
  let gen = 0;
  let steps = 0;

  const add = (list: number[], s: number, pos: number): void => {
    if (mark[s] === gen) return;
    mark[s] = gen;
    const st = states[s]!;
    if (st.t === "split") {
      add(list, st.a, pos);
      add(list, st.b, pos);
    } else if (st.t === "bol") {
      if (pos === 0) add(list, st.next, pos);
    } else if (st.t === "eol") {
      if (pos === n) add(list, st.next, pos);
    } else {
      list.push(s);
    }
  };

  let cur: number[] = [];
  add(cur, start, 0);
  for (let pos = 0; ; pos++) {
    if (!anchored && cur.some((s) => states[s]!.t === "match")) return true;
    if (pos === n) return cur.some((s) => states[s]!.t === "match");
    steps += cur.length + 1;
    if (steps > MAX_STEPS) return null;
    const cp = cps[pos]!;
    const next: number[] = [];
    gen++;
    for (const s of cur) {
      const st = states[s]!;
      if (st.t === "char" && st.pred(cp)) add(next, st.next, pos + 1);
    }
    // A search may start a new attempt at every position.
    if (!anchored) add(next, start, pos + 1);
    if (anchored && next.length === 0) return false;
    cur = next;
  }
}

/**
 * Compile an I-Regexp pattern. Returns an error message for an invalid or
 * too complex pattern (JSONPath then treats `match()` as false).
 *
 * @example
 * const re = compileIRegexp("a.b");
 * if (typeof re !== "string") re.full("a𐄁b"); // true
 */
export function compileIRegexp(pattern: string): IRegexp | string {
  try {
    const node = new Parser(Array.from(pattern)).parse();
    const c = new Compiler();
    const accept = c.add({ t: "match" });
    const start = c.compile(node, accept);
    return {
      full: (input: string) => simulate(c.states, start, input, true),
      search: (input: string) => simulate(c.states, start, input, false),
    };
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    if (error instanceof RangeError) return "pattern too deeply nested";
    throw error;
  }
}
