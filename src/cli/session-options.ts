/**
 * Session options from the command line: how to read the stream. One place,
 * so new reading flags (a custom format from JSONPath rules, a script) plug in
 * here for both `sselens URL` and `inspect`.
 */
import { FORMAT_NAMES, type FormatName } from "../core/formats/types.js";
import type { SessionOptions } from "../core/pipeline/types.js";
import { UsageError } from "./errors.js";
import type { OptionValues } from "./options.js";
import type { READ_OPTIONS } from "./view-options.js";

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** The format override of `--format NAME`, checked. */
export function formatOption(name: string | undefined): FormatName | undefined {
  if (name === undefined) return undefined;
  if (!isFormatName(name)) {
    throw new UsageError(
      `unknown format ${JSON.stringify(name)}: expected one of ${FORMAT_NAMES.join(", ")}`,
    );
  }
  return name;
}

/** Session options from the reading flags (`--format`, `--path`, `--rules`, …); files relative to `cwd`. */
export async function sessionOptions(
  values: OptionValues<typeof READ_OPTIONS>,
  cwd: string,
): Promise<SessionOptions> {
  const opts: SessionOptions = {};
  const format = formatOption(values.format);
  if (format !== undefined) opts.format = format;
  // The rule engine (JSONPath) loads only when a rule flag is given: it costs start-up time.
  const ruled =
    values.path !== undefined ||
    values["reasoning-path"] !== undefined ||
    values.event.length > 0 ||
    values.rules !== undefined;
  if (ruled) {
    const { customFormat } = await import("./custom-format.js");
    const custom = await customFormat(values, cwd);
    if (custom !== undefined) opts.format = custom;
  }
  return opts;
}
