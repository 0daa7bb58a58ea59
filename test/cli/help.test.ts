import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { EXIT_HELP } from "../../src/cli/exit.js";
import { main } from "../../src/cli/main.js";
import { parseOptions } from "../../src/cli/options.js";
import { repoRoot } from "./built-cli.js";
import { memoryIo } from "./memory-io.js";

const version = (JSON.parse(readFileSync(resolve(repoRoot, "package.json"), "utf8")) as { version: string })
  .version;

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe("help and version", () => {
  it("sselens --help names every command, examples and the exit statuses", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("sselens URL [options]");
    for (const c of COMMANDS.slice(1)) expect(r.stdout).toContain(`sselens ${c.name} `);
    expect(r.stdout).toContain("Examples:");
    for (const [code] of EXIT_HELP) expect(r.stdout).toMatch(new RegExp(`^  ${code} +\\S`, "m"));
  });

  it("'sselens help NAME' for an unknown name is a usage error that lists the commands", async () => {
    const r = await run(["help", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sselens: no help for "nope": the commands are send, inspect, mock, ui\n/);
    expect(r.stdout).toBe("");
  });

  it("a usage error points at the help of the command being run", async () => {
    const inspect = await run(["inspect", "--no-such-option"]);
    expect(inspect.code).toBe(2);
    expect(inspect.stderr).toContain("Run 'sselens inspect --help' for usage.");
    const send = await run(["http://127.0.0.1:9/", "--no-such-option"]);
    expect(send.code).toBe(2);
    expect(send.stderr).toContain("Run 'sselens --help' for usage.");
  });

  it("sselens COMMAND --help lists every option of the command's table", async () => {
    for (const command of COMMANDS) {
      // The default command's help also shows with a URL: `sselens URL --help`.
      const r = await run(command === COMMANDS[0] ? ["http://x", "--help"] : [command.name, "--help"]);
      expect(r.code, command.name).toBe(0);
      for (const [name, spec] of Object.entries(command.options)) {
        expect(r.stdout, `${command.name} --${name}`).toContain(`--${name}`);
        expect(r.stdout, `${command.name} --${name}`).toContain(spec.description);
      }
      expect(r.stdout, command.name).toContain("Exit status:");
    }
  });

  it("each command's --help lists only the exit statuses it can return", async () => {
    const statuses = (stdout: string) =>
      [...stdout.slice(stdout.indexOf("Exit status:")).matchAll(/^ {2}(\d+) /gm)].map((m) => Number(m[1]));
    expect(statuses((await run(["http://x", "--help"])).stdout)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 130]);
    expect(statuses((await run(["inspect", "--help"])).stdout)).toEqual([0, 1, 2, 5, 6, 7, 130]);
    for (const server of ["mock", "ui"]) {
      const help = (await run([server, "--help"])).stdout;
      expect(statuses(help), server).toEqual([0, 1, 2]);
      expect(help, server).toMatch(/^ {2}1 +could not start \(e\.g\. the port is in use/m);
    }
  });

  it("`sselens help inspect` is `sselens inspect --help`", async () => {
    expect((await run(["help", "inspect"])).stdout).toBe((await run(["inspect", "--help"])).stdout);
  });

  it("prints the package version", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `sselens ${version}\n`, stderr: "" });
  });

  it("with no arguments prints the help on stderr and exits 2", async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage:");
  });
});

describe("parseOptions", () => {
  const table = {
    header: { type: "string", short: "H", multiple: true, description: "h" },
    data: { type: "string", short: "d", description: "d" },
    json: { type: "boolean", description: "j" },
  } as const;

  it("types and defaults the values from the table", () => {
    const parsed = parseOptions(table, ["u", "-H", "a: 1", "--header", "b: 2", "-d", "x"]);
    expect(parsed.values).toEqual({ header: ["a: 1", "b: 2"], data: "x", json: false });
    expect(parsed.positionals).toEqual(["u"]);
    expect(parseOptions(table, []).values).toEqual({ header: [], data: undefined, json: false });
  });

  it("turns parse errors into short usage messages", () => {
    expect(() => parseOptions(table, ["--nope"])).toThrow("unknown option --nope");
    expect(() => parseOptions(table, ["-d"])).toThrow("option -d, --data needs a value");
    expect(() => parseOptions(table, ["--json=1"])).toThrow("option --json takes no value");
  });
});
