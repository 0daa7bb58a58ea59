/** The stream pipeline the CLI drives (E1's engine), imported in one place. */
export { createSession } from "../core/pipeline/session.js";
