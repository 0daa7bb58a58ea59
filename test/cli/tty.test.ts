/** The default view on a terminal (in-process, with a TTY-like stdout) against the mock provider. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { type MockServer, startMock } from "../../src/mock/index.js";
import { memoryIo } from "./memory-io.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
});

const args = () => [
  `${mock.url}/v1/chat/completions?delay=0`,
  "-d",
  '{"model":"deepseek-reasoner","messages":[{"role":"user","content":"Hi"}],"stream":true}',
];

describe("default view on a terminal", () => {
  it("dims the thinking under a heading, then the answer, then a coloured summary", async () => {
    const io = memoryIo({ tty: true });
    expect(await main(args(), io)).toBe(0);
    const out = io.out();
    expect(out.startsWith("\x1b[2m\x1b[1mthinking\x1b[22m\x1b[22m\n\x1b[2m")).toBe(true);
    expect(out).toContain("\n\x1b[1manswer\x1b[22m\n");
    expect(out).toContain("\x1b[32mcomplete\x1b[39m");
  });

  it("has no colour with NO_COLOR or --no-color", async () => {
    for (const [env, extra] of [
      [{ NO_COLOR: "1" }, []],
      [{}, ["--no-color"]],
    ] as const) {
      const io = memoryIo({ tty: true, env });
      expect(await main([...args(), ...extra], io)).toBe(0);
      expect(io.out()).not.toContain("\x1b[");
      expect(io.out().startsWith("thinking\n")).toBe(true);
    }
  });

  it("prints the partial reply and summary when interrupted, exit 130", async () => {
    const io = memoryIo({ tty: false });
    const running = main(
      [
        `${mock.url}/v1/chat/completions?delay=30`,
        "-d",
        '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"stream":true}',
      ],
      io,
    );
    while (!io.out().includes(" ")) await new Promise((r) => setTimeout(r, 10));
    io.interrupt();
    expect(await running).toBe(130);
    expect(io.out()).toMatch(/incomplete \(aborted\)/);
  });
});
