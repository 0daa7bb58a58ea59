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

import { type Node, PatternError, type Pred, parsePattern } from "./iregexp-parse.js";

export const MAX_STATES = 10_000;
export const MAX_INPUT = 1_000_000;
export const MAX_STEPS = 20_000_000;

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
    const node = parsePattern(pattern);
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
