/** What the benchmark measures, bundled by bench/run.mjs with esbuild (the built code, not a TS loader). */
export { createSession } from "../src/core/pipeline/session.js";
export { createSseParser } from "../src/core/sse/parser.js";
