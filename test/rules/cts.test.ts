/**
 * The RFC 9535 JSONPath Compliance Test Suite, run as it is from the shared
 * conformance folder, through the same environment rules use (json-p3 with the
 * linear-time `match()`/`search()`).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePath } from "../../src/core/rules/index.js";

interface CtsCase {
  name: string;
  selector: string;
  document?: unknown;
  result?: unknown[];
  results?: unknown[][];
  invalid_selector?: boolean;
}

const ctsFile = resolve(import.meta.dirname, "../../../shared/conformance/jsonpath-cts.json");
const cts = JSON.parse(readFileSync(ctsFile, "utf8")) as { tests: CtsCase[] };

describe("JSONPath Compliance Test Suite (jsonpath-cts.json)", () => {
  it("has all 703 cases", () => {
    expect(cts.tests).toHaveLength(703);
  });

  it.each(cts.tests.map((c, i) => [`#${i} ${c.name}`, c] as const))("%s", (_name, c) => {
    const compiled = compilePath(c.selector);
    if (c.invalid_selector) {
      // Refused with a reason and a position: never an empty result.
      expect(compiled.ok).toBe(false);
      if (!compiled.ok) {
        expect(compiled.error.message).not.toBe("");
        expect(compiled.error.position).toBeGreaterThanOrEqual(0);
      }
      return;
    }
    expect(compiled.ok, compiled.ok ? "" : compiled.error.message).toBe(true);
    if (!compiled.ok) return;
    const values = compiled.query.query(c.document as never).values();
    if (c.results) {
      expect(c.results).toContainEqual(values);
    } else {
      expect(values).toEqual(c.result);
    }
  });
});
