/**
 * The one place the page imports the core's session from (the browser-safe pipeline).
 * Until E1's `src/core/pipeline/session.ts` lands, a stand-in with the same contract.
 */
export { createSession } from "./interim-session.js";
