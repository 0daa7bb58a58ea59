/**
 * The custom-format flags (`--path`, `--reasoning-path`, `--event`, `--rules`):
 * a JSONPath rule compiled before anything is sent, so an invalid path is
 * refused with its position and a non-zero exit, never turned into "no match".
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Format } from "../core/formats/types.js";
import { compileRule, formatPathError, type RuleFieldError, type RuleSpec } from "../core/rules/index.js";
import { InputError, UsageError } from "./errors.js";
import { describeFsError } from "./request.js";

export interface RuleFlags {
  format?: string | undefined;
  path?: string | undefined;
  "reasoning-path"?: string | undefined;
  event: string[];
  rules?: string | undefined;
}

const FLAG_OF: Record<string, string> = { content: "--path", reasoning: "--reasoning-path" };

/** The text a field error points into (for the caret line), when it is a path. */
function fieldText(spec: Record<string, unknown>, field: string): string | undefined {
  const [head, tail] = field.split(".");
  const value =
    tail === undefined ? spec[head ?? ""] : (spec[head ?? ""] as Record<string, unknown> | undefined)?.[tail];
  return typeof value === "string" ? value : undefined;
}

function describeErrors(
  spec: Record<string, unknown>,
  errors: RuleFieldError[],
  label: (f: string) => string,
): string {
  return errors
    .map((e) => {
      const text = fieldText(spec, e.field);
      const detail =
        e.position !== undefined && text !== undefined
          ? formatPathError(text, { message: e.message, position: e.position })
          : e.message;
      return `${label(e.field)}: ${detail}`;
    })
    .join("\n");
}

/**
 * The custom format the flags name, or undefined. Throws `UsageError` for bad flags
 * and invalid paths, `InputError` for an unreadable or invalid rule file.
 */
export async function customFormat(flags: RuleFlags, cwd: string): Promise<Format | undefined> {
  const inline = flags.path !== undefined || flags["reasoning-path"] !== undefined || flags.event.length > 0;
  if (flags.rules === undefined && !inline) return undefined;
  if (flags.format !== undefined) {
    throw new UsageError("--format and a custom rule (--path, --rules) cannot be combined: choose one");
  }
  if (flags.rules !== undefined) {
    if (inline) {
      throw new UsageError(
        "--rules cannot be combined with --path, --reasoning-path or --event: put them in the rule file",
      );
    }
    let text: string;
    try {
      text = await readFile(resolve(cwd, flags.rules), "utf8");
    } catch (error) {
      throw new InputError(`cannot read --rules ${flags.rules}: ${describeFsError(error)}`);
    }
    let spec: unknown;
    try {
      spec = JSON.parse(text);
    } catch (error) {
      throw new InputError(`--rules ${flags.rules}: not valid JSON: ${(error as Error).message}`);
    }
    const compiled = compileRule(spec);
    if (!compiled.ok) {
      const where = (f: string) => (f === "$" ? `--rules ${flags.rules}` : `--rules ${flags.rules}: ${f}`);
      throw new InputError(describeErrors((spec ?? {}) as Record<string, unknown>, compiled.errors, where));
    }
    return compiled.rule.format;
  }
  if (flags.path === undefined)
    throw new UsageError("--reasoning-path and --event need --path (where the answer text is)");
  const spec: RuleSpec = { content: flags.path };
  if (flags["reasoning-path"] !== undefined) spec.reasoning = flags["reasoning-path"];
  if (flags.event.length > 0) spec.events = flags.event;
  const compiled = compileRule(spec);
  if (!compiled.ok) {
    throw new UsageError(
      describeErrors(spec as unknown as Record<string, unknown>, compiled.errors, (f) => FLAG_OF[f] ?? f),
    );
  }
  return compiled.rule.format;
}
