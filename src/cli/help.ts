/** `--help` text, generated from the command and option tables. */
import type { Command } from "./command.js";
import { EXIT_HELP } from "./exit.js";
import { type OptionTable, optionLabel } from "./options.js";

const TAGLINE = "see your LLM streams: every Server-Sent Event with its timing, and the merged reply";

function columns(rows: ReadonlyArray<[string, string]>, indent = "  ", width = widthOf(rows)): string[] {
  return rows.map(([a, b]) => (b ? `${indent}${a.padEnd(width)}  ${b}` : `${indent}${a}`));
}

/** The left column's width: the longest label, capped so descriptions stay readable. */
function widthOf(rows: ReadonlyArray<[string, string]>): number {
  return Math.min(34, Math.max(0, ...rows.map(([a]) => a.length)));
}

function optionSections(options: OptionTable): string[] {
  const groups = new Map<string, Array<[string, string]>>();
  for (const [name, spec] of Object.entries(options)) {
    const group = spec.group ?? "Options";
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)?.push([optionLabel(name, spec), spec.description]);
  }
  // One width for every group, so the descriptions line up down the whole page.
  const width = widthOf([...groups.values()].flat());
  const out: string[] = [];
  for (const [group, rows] of groups) out.push("", `${group}:`, ...columns(rows, "  ", width));
  return out;
}

function exitSection(statuses: ReadonlyArray<[number, string]> = EXIT_HELP): string[] {
  return ["", "Exit status:", ...columns(statuses.map(([code, text]) => [String(code), text]))];
}

/** `sselens --help`. */
export function mainHelp(commands: readonly Command[], defaultCommand: Command, version: string): string {
  const lines = [
    `sselens ${version}: ${TAGLINE}`,
    "",
    "Usage:",
    ...columns([
      [`sselens ${defaultCommand.synopsis}`, defaultCommand.summary],
      ...commands
        .filter((c) => c !== defaultCommand)
        .map((c): [string, string] => [`sselens ${c.name} ${c.synopsis}`, c.summary]),
      ["sselens COMMAND --help", "options and examples of one command"],
      ["sselens --version", "print the version"],
    ]),
    "",
    "Examples:",
    ...commands.flatMap((c) => c.examples.slice(0, 2).flatMap((e) => [`  # ${e.comment}`, `  ${e.command}`])),
    ...exitSection(),
    "",
  ];
  return lines.join("\n");
}

/** `sselens COMMAND --help`. */
export function commandHelp(command: Command, isDefault: boolean): string {
  const usage = isDefault
    ? `sselens ${command.synopsis}   (or: sselens ${command.name} ${command.synopsis})`
    : `sselens ${command.name} ${command.synopsis}`;
  const lines = [`Usage: ${usage}`, "", command.summary];
  for (const paragraph of command.description ?? []) lines.push("", paragraph);
  lines.push(...optionSections(command.options));
  for (const section of command.sections?.() ?? []) lines.push("", `${section.title}:`, ...section.lines);
  if (command.examples.length > 0) {
    lines.push("", "Examples:");
    for (const e of command.examples) lines.push(`  # ${e.comment}`, `  ${e.command}`);
  }
  lines.push(...exitSection(command.exitStatuses), "");
  return lines.join("\n");
}
