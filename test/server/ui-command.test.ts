/**
 * `sselens ui` in-process: the page's URL (with the token) is the first URL
 * on stdout, then the mock's; the server answers until Ctrl-C, then stops.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { uiCommand } from "../../src/cli/commands/ui.js";
import type { CliIo } from "../../src/cli/io.js";
import { parseOptions } from "../../src/cli/options.js";

it("prints the page URL with its token before any other URL, serves it, and stops on Ctrl-C", async () => {
  const home = await mkdtemp(join(tmpdir(), "sselens-ui-cmd-"));
  let stdout = "";
  let interrupt: (() => void) | undefined;
  let printed!: () => void;
  const ready = new Promise<void>((r) => {
    printed = r;
  });
  const io: CliIo = {
    stdout: {
      write: (c) => {
        stdout += String(c);
        printed();
      },
      isTTY: false,
    },
    stderr: { write: () => {}, isTTY: false },
    stdin: (async function* () {})(),
    env: {},
    cwd: home,
    onInterrupt(handler) {
      interrupt = handler;
      return () => {
        interrupt = undefined;
      };
    },
    onStdoutClosed: () => () => {},
  };
  const status = uiCommand.run(
    parseOptions(uiCommand.options, ["--no-open", "--home", home, "--port", "0"]),
    io,
  );
  await ready;
  const urls = stdout.match(/http:\/\/\S+/g) ?? [];
  expect(urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  expect(urls[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(stdout).toContain(`home: ${home}`);

  const res = await fetch(urls[0]!, { redirect: "manual" });
  expect(res.status).toBe(303);
  const info = await fetch(new URL("/api/info", urls[0]!), {
    headers: { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]! },
  });
  expect(((await info.json()) as { mockUrl: string }).mockUrl).toBe(urls[1]);

  interrupt?.();
  expect(await status).toBe(0);
  await expect(fetch(urls[0]!)).rejects.toThrow();
  await rm(home, { recursive: true, force: true });
});

it("a port in use is one clear line on stderr and exit 1", async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
  const port = (blocker.address() as AddressInfo).port;
  let stderr = "";
  const io = {
    stdout: { write: () => {}, isTTY: false },
    stderr: {
      write: (c: string | Uint8Array) => {
        stderr += String(c);
      },
      isTTY: false,
    },
  } as unknown as CliIo;
  const home = await mkdtemp(join(tmpdir(), "sselens-ui-cmd-"));
  const status = await uiCommand.run(
    parseOptions(uiCommand.options, ["--no-open", "--home", home, "--port", String(port)]),
    io,
  );
  expect(status).toBe(1);
  expect(stderr).toMatch(new RegExp(`port ${port} .*in use`));
  expect(stderr.trim().split("\n")).toHaveLength(1);
  await new Promise((r) => blocker.close(r));
  await rm(home, { recursive: true, force: true });
});

it("refuses a bad port with a usage error", async () => {
  const io = {} as CliIo;
  await expect(uiCommand.run(parseOptions(uiCommand.options, ["--port", "99999"]), io)).rejects.toThrow(
    /--port/,
  );
});
