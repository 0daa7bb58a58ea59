/** The script sandbox on the Node side. See docs/rules.md ("Scripts"). */

export type { ScriptResult } from "./runner.js";
export { createScriptRunner, runScript } from "./runner.js";
