/** ANSI styling that switches itself off when the output is not a terminal or NO_COLOR is set. */

export interface Style {
  readonly enabled: boolean;
  dim(s: string): string;
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) =>
  s === "" ? s : `\x1b[${open}m${s}\x1b[${close}m`;

const ON: Style = {
  enabled: true,
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  cyan: wrap(36, 39),
};

const id = (s: string) => s;
const OFF: Style = { enabled: false, dim: id, bold: id, red: id, yellow: id, green: id, cyan: id };

/**
 * Colours only on a terminal, and never when NO_COLOR is set to anything
 * non-empty (no-color.org) or `--no-color` was given.
 */
export function createStyle(opts: {
  isTTY: boolean;
  env: Record<string, string | undefined>;
  noColor?: boolean;
}): Style {
  if (!opts.isTTY || opts.noColor) return OFF;
  if (opts.env["NO_COLOR"]) return OFF;
  if (opts.env["TERM"] === "dumb") return OFF;
  return ON;
}

/** Remove ANSI escapes and other C0 controls (except tab/newline) that could rewrite a terminal. */
export function sanitize(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f]/g, "");
}
