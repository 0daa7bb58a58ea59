/** What a CLI command is: its option table, its help text and what it runs. */
import type { CliIo } from "./io.js";
import type { OptionTable, Parsed } from "./options.js";

export interface Example {
  command: string;
  comment: string;
}

export interface Command<T extends OptionTable = OptionTable> {
  /** The word after `sselens` (`inspect`); the default command also runs without it. */
  name: string;
  /** Arguments after the command in usage lines, e.g. `FILE [options]`. */
  synopsis: string;
  /** One line for the command list. */
  summary: string;
  /** Paragraphs shown in the command's `--help`. */
  description?: readonly string[];
  options: T;
  examples: readonly Example[];
  /** The exit statuses this command can return, for its `--help` (default: the send table, EXIT_HELP). */
  exitStatuses?: ReadonlyArray<[code: number, meaning: string]>;
  /** Extra help sections (title, lines), e.g. the mock's knobs. */
  sections?: () => ReadonlyArray<{ title: string; lines: readonly string[] }>;
  run(parsed: Parsed<T>, io: CliIo): Promise<number>;
}

/** Erase a command's own option type so commands with different tables share one list. */
export function defineCommand<T extends OptionTable>(command: Command<T>): Command {
  return command as unknown as Command;
}

/** Every command accepts `-h/--help`. */
export const HELP_OPTION = {
  help: { type: "boolean", short: "h", description: "show this help" },
} as const satisfies OptionTable;
