/**
 * The JSONPath environment rules run in: json-p3 (RFC 9535, passes the whole
 * Compliance Test Suite) with `match()` and `search()` replaced by the
 * linear-time I-Regexp matcher, so a user's pattern cannot hang the app.
 */
import { type FilterFunction, FunctionExpressionType, JSONPathEnvironment } from "json-p3";
import { compileIRegexp, type IRegexp, MAX_INPUT, MAX_STEPS } from "./iregexp.js";

/** Receives a message when a regex gave up (counted as "no match"), so the caller can report it. */
export type RegexLimitListener = (message: string) => void;

const CACHE_SIZE = 32;

class BoundedRegexFunction implements FilterFunction {
  readonly argTypes = [FunctionExpressionType.ValueType, FunctionExpressionType.ValueType];
  readonly returnType = FunctionExpressionType.LogicalType;
  private readonly cache = new Map<string, IRegexp | string>();

  constructor(
    private readonly name: "match" | "search",
    private readonly onLimit: RegexLimitListener,
  ) {}

  call(value: unknown, pattern: unknown): boolean {
    // RFC 9535 §2.4.6/2.4.7: non-string arguments and invalid patterns give LogicalFalse.
    if (typeof value !== "string" || typeof pattern !== "string") return false;
    const re = this.compiled(pattern);
    if (typeof re === "string") return false;
    const result = this.name === "match" ? re.full(value) : re.search(value);
    if (result === null) {
      this.onLimit(
        `${this.name}() gave up on a ${value.length}-character string (limits: ${MAX_INPUT} characters, ` +
          `${MAX_STEPS} matcher steps) and counted it as no match`,
      );
      return false;
    }
    return result;
  }

  private compiled(pattern: string): IRegexp | string {
    let re = this.cache.get(pattern);
    if (re === undefined) {
      re = compileIRegexp(pattern);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(pattern, re);
    }
    return re;
  }
}

/**
 * A JSONPath environment whose `match()`/`search()` run in linear time.
 * `onLimit` hears about regex evaluations that gave up.
 *
 * @example
 * const env = createPathEnvironment();
 * env.query("$[?match(@, '(a+)+$')]", ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"]).values(); // [] at once
 */
export function createPathEnvironment(onLimit: RegexLimitListener = () => {}): JSONPathEnvironment {
  const env = new JSONPathEnvironment();
  env.functionRegister.set("match", new BoundedRegexFunction("match", onLimit));
  env.functionRegister.set("search", new BoundedRegexFunction("search", onLimit));
  return env;
}
