/**
 * The script sandbox on the Node side: QuickJS in a worker thread. Hostile
 * scripts are tried for real; after each, the test process is still here and a
 * fresh script still runs.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createScriptRunnerOverPort, type SandboxPort } from "../../src/core/rules/script-client.js";
import { resolveLimits } from "../../src/core/rules/script-limits.js";
import type { SandboxResponse, ScriptEventInput, ScriptStep } from "../../src/core/rules/script-protocol.js";
import { createScriptRunner, runScript } from "../../src/node/sandbox/index.js";
import { replayEvents } from "../helpers/replay.js";

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, "fixtures", name), "utf8");

const ev = (index: number, data = "x", type = "message"): ScriptEventInput => ({
  type,
  data,
  id: "",
  index,
  t: index * 10,
});

/**
 * Run `source` over `n` events and return the steps. Tests that are not about time get
 * a 1 s deadline, so a loaded machine cannot turn an ordinary call into a time-limit stop.
 */
async function steps(source: string, n = 1, limits = {}): Promise<ScriptStep[]> {
  const r = await runScript(
    source,
    Array.from({ length: n }, (_, i) => ev(i)),
    { perCallMs: 1_000, totalMs: 30_000, ...limits },
  );
  expect(r.ready.problem).toBeNull();
  return r.steps;
}

/** The host survived: a fresh, ordinary script still works. */
async function stillWorks(): Promise<void> {
  const r = await runScript("function onEvent(e) { return e.data + '!' }", [ev(0, "ok")]);
  expect(r.reply.content).toBe("ok!");
}

describe("no host access", () => {
  it("process, require, fetch, timers and friends do not exist", async () => {
    const [s] = await steps(`function onEvent() {
      return [typeof process, typeof require, typeof fetch, typeof setTimeout, typeof setInterval,
        typeof queueMicrotask, typeof XMLHttpRequest, typeof WebAssembly, typeof Deno, typeof Bun,
        typeof module, typeof exports, typeof __dirname, typeof std, typeof os].join(",");
    }`);
    expect(s?.output?.content).toBe(Array(15).fill("undefined").join(","));
    await stillWorks();
  });

  it("constructor chains reach only the sandbox's own global", async () => {
    const [s] = await steps(`function onEvent() {
      const g1 = this.constructor.constructor("return this")();
      const p = this.constructor.constructor("return typeof process")();
      const g2 = (function(){}).constructor("return globalThis")();
      const g3 = Object.getPrototypeOf(async function(){}).constructor("return this");
      return JSON.stringify([p, typeof g1.process, typeof g2.require, typeof g3,
        Object.getOwnPropertyNames(globalThis).filter(n => /process|require|fetch|import|module|^Buffer$|setTimeout/i.test(n))]);
    }`);
    expect(JSON.parse(s!.output!.content!)).toEqual(["undefined", "undefined", "undefined", "function", []]);
  });

  it("import() never loads anything and static import is a syntax error", async () => {
    const dynamic = await steps(
      `function onEvent(e, state) {
        if (e.index === 0) {
          try { import("node:fs").then((m) => { state.m = m; }, (err) => { state.err = String(err); }); }
          catch (err) { state.sync = String(err); }
          return "tried";
        }
        return JSON.stringify({ m: typeof state.m, err: state.err ?? null, sync: state.sync ?? null });
      }`,
      2,
    );
    // Pending jobs are never run: the promise never settles, so nothing was loaded.
    expect(JSON.parse(dynamic[1]!.output!.content!)).toMatchObject({ m: "undefined" });
    const r = await runScript('import fs from "node:fs";\nfunction onEvent() { return "x" }', [ev(0)]);
    expect(r.ready.ok).toBe(false);
    expect(r.ready.problem?.kind).toBe("syntax");
    expect(r.ready.problem?.line).toBe(1);
  });

  it("globalThis probing finds only ECMAScript built-ins and console", async () => {
    const [s] = await steps("function onEvent() { return Object.getOwnPropertyNames(globalThis).join(',') }");
    const names = s!.output!.content!.split(",");
    expect(names).toContain("console");
    expect(names).toContain("JSON");
    for (const forbidden of [
      "process",
      "require",
      "fetch",
      "setTimeout",
      "WebAssembly",
      "std",
      "os",
      "postMessage",
    ]) {
      expect(names).not.toContain(forbidden);
    }
  });
});

describe("limits stop the script, name the limit, and the host goes on", () => {
  it("an infinite loop hits the per-event time limit", async () => {
    const s = await steps("function onEvent(e) { if (e.index === 2) { for (;;) {} } return 'a' }", 4, {
      perCallMs: 100,
      totalMs: 5_000,
    });
    expect(s.map((x) => x.output?.content ?? null)).toEqual(["a", "a", null, null]);
    expect(s[2]?.problem).toMatchObject({ kind: "limit", limit: "time", event: 2 });
    expect(s[2]?.problem?.message).toBe(
      "script stopped: exceeded the 100 ms per-event time limit at event 2",
    );
    expect(s[3]?.stopped).toBe(true);
    await stillWorks();
  });

  it("an infinite loop while loading the script", async () => {
    const r = await runScript("for (;;) {}\nfunction onEvent() { return 'x' }", [ev(0)]);
    expect(r.ready.ok).toBe(false);
    expect(r.ready.problem?.message).toMatch(/time limit while loading the script/);
  });

  it("the total budget ends a script that is slow on every event", async () => {
    const s = await steps(
      "function onEvent() { const t = Date.now(); while (Date.now() - t < 30) {} return 'a' }",
      20,
      // The per-call deadline is far away, so only the budget can stop it (whatever the machine's load).
      { perCallMs: 1_000, totalMs: 120 },
    );
    const hit = s.find((x) => x.problem);
    expect(hit?.problem).toMatchObject({ kind: "limit", limit: "budget" });
    expect(hit?.problem?.message).toMatch(/exceeded the 120 ms total time budget at event \d+/);
    expect(s.at(-1)?.stopped).toBe(true);
  });

  it.each([
    ["many strings", "const keep = []; for (;;) keep.push(('x' + keep.length).repeat(5e5));"],
    ["many arrays", "const keep = []; for (;;) keep.push(new Array(1e5).fill(1));"],
    ["one huge array", "globalThis.a = new Array(1e8).fill(1);"],
  ])("a memory bomb (%s) hits the memory limit", async (_name, bomb) => {
    // A generous deadline, so the memory limit is what stops it.
    const s = await steps(`function onEvent(e) { ${bomb} return 'never' }`, 2, {
      perCallMs: 10_000,
      totalMs: 20_000,
    });
    expect(s[0]?.problem).toMatchObject({ kind: "limit", limit: "memory", event: 0 });
    expect(s[0]?.problem?.message).toBe("script stopped: exceeded the 64 MB memory limit at event 0");
    expect(s[1]?.stopped).toBe(true);
    await stillWorks();
  });

  it("deep recursion hits the stack limit", async () => {
    const s = await steps(
      "function f(n) { return f(n + 1) + 1 }\nfunction onEvent() { return String(f(0)) }",
      2,
    );
    expect(s[0]?.problem).toMatchObject({ kind: "limit", limit: "stack", event: 0 });
    expect(s[0]?.problem?.message).toMatch(/exceeded the 256 KB stack limit at event 0/);
    await stillWorks();
  });

  it("deep recursion inside native code (JSON.parse of deep nesting) is contained too", async () => {
    const s = await steps("function onEvent() { return String(JSON.parse('['.repeat(200000)).length) }", 1);
    expect(s[0]?.output).toBeNull();
    expect(s[0]?.problem?.kind).toMatch(/limit|error/);
    await stillWorks();
  });

  it("a huge return value is truncated to the output limit and reported", async () => {
    const s = await steps("function onEvent() { return 'y'.repeat(5e6) }", 2, { maxOutputChars: 1000 });
    expect(s[0]?.output?.content).toHaveLength(1000);
    expect(s[0]?.problem).toMatchObject({ kind: "limit", limit: "output" });
    expect(s[0]?.problem?.message).toBe(
      "onEvent returned 5000000 characters at event 0; kept the first 1000 (the per-call output limit)",
    );
    // Truncation is not fatal.
    expect(s[1]?.output?.content).toHaveLength(1000);
  });

  it("console output is bounded per call", async () => {
    const [s] = await steps(
      "function onEvent() { for (let i = 0; i < 500; i++) console.log(i, 'x'.repeat(5000)); return null }",
    );
    expect(s!.logs).toHaveLength(101);
    expect(s!.logs[0]!.text.length).toBeLessThanOrEqual(2000);
    expect(s!.logs.at(-1)!.text).toBe("[sselens] 400 more console lines dropped");
  });

  it("a sandbox that stops answering is terminated by the host's watchdog", async () => {
    // A worker that loads, then hangs in native code where no interrupt reaches it.
    let terminated = false;
    let answer: ((r: SandboxResponse) => void) | null = null;
    const hanging: SandboxPort = {
      post(request) {
        if (request.op === "init") {
          queueMicrotask(() =>
            answer?.({
              id: request.id,
              op: "init",
              result: { ok: true, hasOnEnd: false, logs: [], problem: null },
            }),
          );
        }
      },
      listen(onMessage) {
        answer = onMessage;
      },
      terminate() {
        terminated = true;
      },
    };
    const runner = createScriptRunnerOverPort(
      hanging,
      "function onEvent() {}",
      resolveLimits({ perCallMs: 1 }),
    );
    expect((await runner.ready).ok).toBe(true);
    const [first, second] = await Promise.all([runner.onEvent(ev(0)), runner.onEvent(ev(1))]);
    expect(first.problem).toMatchObject({ kind: "limit", limit: "unresponsive", event: 0 });
    expect(first.problem?.message).toMatch(/did not answer within \d+ ms at event 0 and was terminated/);
    expect(second).toMatchObject({ stopped: true, problem: null });
    expect(terminated).toBe(true);
  });
});

describe("errors say what and where", () => {
  it("a thrown error reports its message, line and column, and the script goes on", async () => {
    const source = [
      "function onEvent(e) {",
      "  if (e.index === 1) {",
      "    null.foo;",
      "  }",
      "  return 'ok';",
      "}",
    ].join("\n");
    const s = await steps(source, 3);
    expect(s[1]?.problem).toMatchObject({ kind: "error", line: 3, column: 9, event: 1 });
    expect(s[1]?.problem?.message).toMatch(
      /^TypeError: cannot read property 'foo' of null \(line 3, column 9\) at event 1$/,
    );
    expect(s.map((x) => x.output?.content ?? null)).toEqual(["ok", null, "ok"]);
  });

  it("a syntax error while loading reports line and column", async () => {
    const r = await runScript("function onEvent(e) {\n  return e.data +;\n}", [ev(0)]);
    expect(r.ready.ok).toBe(false);
    expect(r.ready.problem).toMatchObject({ kind: "syntax", line: 2 });
    expect(r.steps).toEqual([]);
  });

  it("a script without onEvent is refused with a clear message", async () => {
    const r = await runScript("function onevent() {}", [ev(0)]);
    expect(r.ready.problem?.message).toBe("the script must define function onEvent(event, state)");
  });

  it.each([
    [
      "a number",
      "return 42",
      "onEvent returned a number at event 0; expected a string, {content, reasoning} or null",
    ],
    [
      "an array",
      "return ['a']",
      "onEvent returned an array at event 0; expected a string, {content, reasoning} or null",
    ],
    [
      "a bad field",
      "return { content: 1 }",
      "onEvent returned {content: number} at event 0; expected a string, {content, reasoning} or null",
    ],
    [
      "a Promise",
      "return Promise.resolve('a')",
      "onEvent returned a Promise (is it async?) at event 0; expected a string, {content, reasoning} or null",
    ],
    [
      "an empty object",
      "return {}",
      "onEvent returned an object without `content` or `reasoning` at event 0; expected a string, {content, reasoning} or null",
    ],
  ])("a wrong return type (%s) gets a clear message", async (_name, body, message) => {
    const [s] = await steps(`function onEvent() { ${body} }`);
    expect(s?.problem).toEqual({ kind: "return-type", message, event: 0 });
    expect(s?.output).toBeNull();
  });
});

describe("the script API", () => {
  it("event carries type, data, id, index, t and json; state persists; undefined counts as null", async () => {
    const r = await runScript(
      `function onEvent(e, state) {
        state.n = (state.n || 0) + 1;
        if (e.index === 2) return undefined;
        return JSON.stringify({ type: e.type, data: e.data, id: e.id, index: e.index, t: e.t, json: e.json === undefined ? 'undefined' : e.json, n: state.n });
      }`,
      [ev(0, '{"a":[1]}', "delta"), ev(1, "plain"), ev(2)],
    );
    expect(JSON.parse(r.steps[0]!.output!.content!)).toEqual({
      type: "delta",
      data: '{"a":[1]}',
      id: "",
      index: 0,
      t: 0,
      json: { a: [1] },
      n: 1,
    });
    expect(JSON.parse(r.steps[1]!.output!.content!)).toMatchObject({ json: "undefined", n: 2 });
    expect(r.steps[2]).toMatchObject({ output: null, problem: null });
  });

  it("onEnd replaces the merged reply", async () => {
    const r = await runScript(
      "function onEvent(e, s) { s.all = (s.all || '') + e.data; return e.data }\nfunction onEnd(s) { return { content: s.all.toUpperCase(), reasoning: 'done' } }",
      [ev(0, "a"), ev(1, "b")],
    );
    expect(r.reply).toEqual({ content: "AB", reasoning: "done" });
  });

  it("a non-JSON stream is merged by a script (recorded SSE, seeded split 99)", async () => {
    const events = replayEvents(fixture("plain-text.sse"), 99).events.map((e) => ({
      type: e.type,
      data: e.data,
      id: e.id,
      index: e.index,
      t: e.t,
    }));
    const r = await runScript(fixture("plain-text.js"), events);
    expect(r.ready.problem).toBeNull();
    expect(r.reply).toEqual({ content: "Hello, world", reasoning: "Greeting back." });
    expect(r.steps[4]?.logs).toEqual([{ level: "log", text: "stats: tokens=4 ms=38" }]);
    expect(r.end?.output).toBeNull();
  });

  it("a runner answers live, one event at a time", async () => {
    const runner = createScriptRunner("function onEvent(e) { console.log('seen', e.index); return e.data }");
    try {
      expect((await runner.ready).ok).toBe(true);
      const a = await runner.onEvent(ev(0, "x"));
      expect(a).toEqual({
        event: 0,
        output: { content: "x", reasoning: null },
        logs: [{ level: "log", text: "seen 0" }],
        problem: null,
        stopped: false,
      });
      const b = await runner.onEvent(ev(1, "y"));
      expect(b.output?.content).toBe("y");
    } finally {
      runner.dispose();
    }
    // After dispose, calls resolve as stopped instead of hanging.
    expect((await runner.onEvent(ev(2))).stopped).toBe(true);
  });

  it("dispose() stops a script in the middle of a call (the worker is terminated)", async () => {
    // A deadline longer than the test's timeout: only dispose() can end this call in time.
    const runner = createScriptRunner("function onEvent() { for (;;) {} }", {
      perCallMs: 60_000,
      totalMs: 60_000,
    });
    expect((await runner.ready).ok).toBe(true);
    const pending = runner.onEvent(ev(0));
    setTimeout(() => runner.dispose(), 100);
    expect(await pending).toMatchObject({ event: 0, output: null, stopped: true });
  });
});
