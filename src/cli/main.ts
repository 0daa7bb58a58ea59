/**
 * The CLI entry: pick the command, parse its options, run it, and turn every
 * failure into one line on stderr and an exit status (never a stack trace).
 */
import { COMMANDS, DEFAULT_COMMAND } from "./commands/index.js";
import { isInputError, isUsageError, UsageError } from "./errors.js";
import { EXIT } from "./exit.js";
import { commandHelp, mainHelp } from "./help.js";
import type { CliIo } from "./io.js";
import { parseOptions } from "./options.js";
import { VERSION } from "./version.js";

/** Run the CLI with `argv` (without `node` and the script); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  // Usage errors point at the help of the command being run.
  let helpHint = "sselens --help";
  try {
    if (first === undefined) {
      io.stderr.write(mainHelp(COMMANDS, DEFAULT_COMMAND, VERSION));
      return EXIT.usage;
    }
    if (first === "-h" || first === "--help" || first === "help") {
      const named = first === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      if (first === "help" && rest[0] !== undefined && !named) {
        const names = COMMANDS.map((c) => c.name).join(", ");
        throw new UsageError(`no help for ${JSON.stringify(rest[0])}: the commands are ${names}`);
      }
      io.stdout.write(
        named ? commandHelp(named, named === DEFAULT_COMMAND) : mainHelp(COMMANDS, DEFAULT_COMMAND, VERSION),
      );
      return EXIT.ok;
    }
    if (first === "-V" || first === "--version") {
      io.stdout.write(`sselens ${VERSION}\n`);
      return EXIT.ok;
    }
    const named = COMMANDS.find((c) => c.name === first);
    // `sselens inspcet body.sse`: a mistyped command would be taken for the URL, and the
    // error would blame its argument ("unexpected argument"). A bare word is never a URL.
    if (!named && /^[a-z][a-z-]*$/i.test(first) && first !== "localhost") {
      const names = COMMANDS.map((c) => c.name).join(", ");
      throw new UsageError(
        `unknown command ${JSON.stringify(first)}: the commands are ${names}; a URL starts with http:// or https://`,
      );
    }
    const command = named ?? DEFAULT_COMMAND;
    helpHint = named ? `sselens ${named.name} --help` : "sselens --help";
    const parsed = parseOptions(command.options, named ? rest : argv);
    if ((parsed.values as Record<string, unknown>)["help"] === true) {
      io.stdout.write(commandHelp(command, command === DEFAULT_COMMAND));
      return EXIT.ok;
    }
    return await command.run(parsed, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr.write(`sselens: ${error.message}\nRun '${helpHint}' for usage.\n`);
      return EXIT.usage;
    }
    if (isInputError(error)) {
      io.stderr.write(`sselens: ${error.message}\n`);
      return EXIT.input;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`sselens: internal error: ${message}\n`);
    if (io.env["SSELENS_DEBUG"] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }
}
