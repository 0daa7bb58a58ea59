/**
 * Issue #3's "Done when": `sselens mock --port PORT` plus
 * `sselens http://127.0.0.1:PORT/v1/chat/completions -d '{…,"stream":true}'`
 * shows the reply streaming live with its thinking apart and a summary.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/pipeline/types.js";
import { knobs } from "../../src/mock/index.js";
import { type CliProcess, ensureBuilt, runCli, startCli } from "./built-cli.js";

let mock: CliProcess;
let url: string;

beforeAll(async () => {
  ensureBuilt();
  mock = startCli(["mock", "--port", "0"]);
  const out = await mock.waitForStdout((s) => /listening on http:\/\/\S+\n/.test(s));
  url = /listening on (http:\/\/\S+)\n/.exec(out)?.[1] ?? "";
});

afterAll(async () => {
  mock.child.kill("SIGINT");
  await mock.done;
});

const chat = (model: string, extra = "") =>
  `{"model":"${model}","messages":[{"role":"user","content":"Why is the sky blue?"}],"stream":true${extra}}`;

describe("sselens mock + sselens URL", () => {
  it("prints its URL and example commands against it", () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.stdout()).toContain(`sselens ${url}/v1/chat/completions -d '{"model":"deepseek-reasoner"`);
  });

  it("streams the reply live with its thinking apart, then a summary", async () => {
    const cli = startCli([`${url}/v1/chat/completions`, "-d", chat("deepseek-reasoner")]);
    // Live: the thinking is on stdout while the stream is still going.
    await cli.waitForStdout((s) => s.startsWith("thinking\n") && s.length > 20);
    expect(cli.child.exitCode).toBeNull();
    const r = await cli.done;
    expect(r.code).toBe(0);
    const [thinking, rest] = r.stdout.split("\n\nanswer\n");
    expect(thinking?.startsWith("thinking\n")).toBe(true);
    expect(thinking?.length).toBeGreaterThan(40);
    expect(rest).toMatch(/\S/);
    expect(rest).toMatch(/status +200 OK · complete/);
    expect(rest).toMatch(/finish +stop/);
    expect(rest).toMatch(/timing +TTFT [\d.]+ m?s/);
  });

  it("agrees with --json on the reply", async () => {
    const live = await runCli([`${url}/v1/chat/completions?delay=0`, "-d", chat("deepseek-reasoner")]);
    const json = await runCli([
      `${url}/v1/chat/completions?delay=0`,
      "-d",
      chat("deepseek-reasoner"),
      "--json",
    ]);
    const report = JSON.parse(json.stdout) as Report;
    const choice = report.choices[0];
    expect(choice?.reasoning).toBeTruthy();
    expect(live.stdout).toContain(`thinking\n${choice?.reasoning}`);
    expect(live.stdout).toContain(`answer\n${choice?.content}`);
  });

  it("shows tool calls and usage", async () => {
    const r = await runCli([
      `${url}/v1/chat/completions?delay=0&tools=1`,
      "-d",
      chat("gpt-4o", ',"stream_options":{"include_usage":true}'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tool call \S+ \(call_/);
    expect(r.stdout).toMatch(/usage +input \d+ · output \d+/);
  });

  it("says when a rate-limited request may be retried (Retry-After), in the report and on stderr", async () => {
    const r = await runCli([`${url}/v1/chat/completions?fault=429`, "-d", chat("gpt-4o"), "--json"]);
    expect(r.code).toBe(4);
    expect((JSON.parse(r.stdout) as Report).notes).toContain(
      "the server asks to retry after 20 s (Retry-After: 20)",
    );
    expect(r.stderr).toContain("retry after 20 s");
  });

  it("exits 4 with the provider's message on a fault, and 6 on an error event", async () => {
    const fault = await runCli([`${url}/v1/chat/completions?fault=401`, "-d", chat("gpt-4o"), "--json"]);
    expect(fault.code).toBe(4);
    expect(fault.stderr).toMatch(/^sselens: HTTP 401/);
    const error = await runCli([
      `${url}/v1/chat/completions?delay=0&error=3`,
      "-d",
      chat("gpt-4o"),
      "--json",
    ]);
    expect(error.code).toBe(6);
    expect((JSON.parse(error.stdout) as Report).errors[0]?.event).toBe(3);
  });

  it("reports a buffering burst for ?bunch=10 at the default delay", async () => {
    const r = await runCli([`${url}/v1/chat/completions?bunch=10`, "-d", chat("gpt-4o"), "--json"]);
    expect(r.code).toBe(0);
    const { buffering } = (JSON.parse(r.stdout) as Report).metrics;
    expect(buffering.bursts.length).toBeGreaterThanOrEqual(1);
    expect(buffering.bursts[0]!.events).toBeGreaterThanOrEqual(10);
    expect(buffering.bursts[0]!.afterMs).toBeGreaterThan(500);
  });

  it("reads the other formats at their real paths", async () => {
    const anthropic = await runCli([
      `${url}/v1/messages?delay=0`,
      "-d",
      '{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Hi"}],"stream":true}',
      "--json",
    ]);
    expect(anthropic.code).toBe(0);
    expect((JSON.parse(anthropic.stdout) as Report).format).toBe("anthropic");
  });
});

describe("sselens mock --help", () => {
  it("lists every knob and the routes", async () => {
    const r = await runCli(["mock", "--help"]);
    expect(r.code).toBe(0);
    for (const k of knobs) expect(r.stdout).toContain(`${k.name}=${k.value}`);
    expect(r.stdout).toContain("/v1/chat/completions");
  });

  it("stops on Ctrl-C with exit 0", async () => {
    const other = startCli(["mock", "--port", "0"]);
    await other.waitForStdout((s) => s.includes("listening on"));
    other.child.kill("SIGINT");
    const r = await other.done;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("says when the port is taken", async () => {
    const port = new URL(url).port;
    const r = await runCli(["mock", "--port", port]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `sselens: cannot start the mock on 127.0.0.1:${port}: the port is in use (try --port 0)\n`,
    );
  });
});
