/**
 * Command-line options as one typed table per command: the same table drives
 * parsing (`node:util` parseArgs), the parsed values' types, and `--help`.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Repeatable (`-H a -H b`): the value is a list. */
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `METHOD` for `-X METHOD`. */
  value?: string;
  description: string;
  /** Help section the option is listed under (default "Options"). */
  group?: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Parsed values: booleans default to false, repeatable options to [], other strings to undefined. */
export type OptionValues<T extends OptionTable> = {
  -readonly [K in keyof T]: T[K]["type"] extends "boolean"
    ? boolean
    : T[K]["multiple"] extends true
      ? string[]
      : string | undefined;
};

export interface Parsed<T extends OptionTable> {
  values: OptionValues<T>;
  positionals: string[];
}

/**
 * Parse `args` against `table`. Unknown options, a missing value or a value
 * given to a flag are usage errors (exit 2) with a one-line message.
 */
export function parseOptions<T extends OptionTable>(table: T, args: readonly string[]): Parsed<T> {
  const config: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(table)) {
    config[name] = { type: spec.type };
    if (spec.short) config[name].short = spec.short;
    if (spec.multiple) config[name].multiple = true;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    const v = parsed.values[name];
    if (spec.type === "boolean") values[name] = v === true || (Array.isArray(v) && v.length > 0);
    else if (spec.multiple) values[name] = Array.isArray(v) ? v : [];
    else values[name] = Array.isArray(v) ? v.at(-1) : v;
  }
  return { values: values as OptionValues<T>, positionals: parsed.positionals };
}

/** parseArgs' messages are long and mention `parseArgs`; keep the part a user needs. */
function usageMessage(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `unknown option ${option}` : "unknown option";
  }
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /Option '([^']+)'/.exec(message)?.[1]?.replace(/ <value>$/, "");
    if (option && message.includes("argument missing")) return `option ${option} needs a value`;
    if (option && message.includes("does not take an argument")) return `option ${option} takes no value`;
  }
  return message.split("\n")[0] ?? message;
}

/** The help lines for an option: `  -X, --request METHOD   description`. */
export function optionLabel(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
}
