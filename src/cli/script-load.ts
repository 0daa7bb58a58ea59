/**
 * `--script FILE` support, loaded only when the flag is given: the sandbox and
 * its engine cost start-up time that every other run should not pay.
 */
import type { CliIo } from "./io.js";
import type { ScriptTap } from "./script-tap.js";

const NO_SCRIPT: ScriptTap = { wrap: (cb) => cb, finish: async (r) => r, dispose() {} };

/** The script tap for `--script FILE`, or a pass-through when there is no script. */
export async function loadScriptTap(file: string | undefined, io: CliIo, quiet: boolean): Promise<ScriptTap> {
  if (file === undefined) return NO_SCRIPT;
  const { scriptTap } = await import("./script-tap.js");
  return scriptTap(file, io, quiet);
}
