import { describe, expect, it } from "vitest";
import type { ClientMessage } from "../api/index.js";
import { afterRuleEngine, awaitsRuleEngine, ruleFormat } from "./rule-format.js";

const rule = { kind: "jsonpath" as const, rule: { content: "$.text" } };
const start = (withRule: boolean): ClientMessage => ({
  type: "start",
  id: "r1",
  startedAt: "2026-01-01T00:00:00.000Z",
  request: { method: "POST", url: "http://x/", headers: [], body: null },
  ...(withRule ? { options: { rule } } : {}),
});
const chunk = (n: number): ClientMessage => ({ type: "chunk", t: n, bytes: new Uint8Array([n]) });

// One file, one module instance: the engine starts unloaded and stays loaded once loaded.
describe("the rule engine, loaded on first use", () => {
  it("passes a run without a rule straight through", () => {
    const seen: ClientMessage[] = [];
    const feed = afterRuleEngine(
      (m) => seen.push(m),
      () => {},
    );
    feed(start(false));
    feed(chunk(1));
    expect(seen).toEqual([start(false), chunk(1)]);
    expect(ruleFormat(rule)).toBeNull();
  });

  it("holds a run whose saved rule needs the engine until it loads, then hands everything on in order", async () => {
    expect(awaitsRuleEngine(rule)).toBe(true);
    const seen: ClientMessage[] = [];
    const failures: unknown[] = [];
    const feed = afterRuleEngine(
      (m) => seen.push(m),
      (e) => failures.push(e),
    );
    feed(start(true));
    feed(chunk(1));
    feed(chunk(2));
    expect(seen).toEqual([]);
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual([start(true), chunk(1), chunk(2)]);
    expect(failures).toEqual([]);
    // Loaded now: the rule compiles, and later runs are not held.
    expect(awaitsRuleEngine(rule)).toBe(false);
    expect(ruleFormat(rule)).not.toBeNull();
    feed(chunk(3));
    expect(seen).toHaveLength(4);
  });
});
