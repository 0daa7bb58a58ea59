/** The script sandbox in the page. See docs/rules.md ("Scripts"). */
export { createBrowserScriptRunner } from "./client.js";
export type { BrowserScriptResult } from "./run.js";
export { runBrowserScript } from "./run.js";
