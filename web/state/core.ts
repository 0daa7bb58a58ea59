/** The one place the page imports the core's session from (the browser-safe pipeline). */
export { createSession } from "../../src/core/pipeline/session.js";
