/**
 * The sselens mock provider: realistic LLM streams at the real API paths,
 * deterministic, with knobs for pacing and faults. See README.md.
 */
export { isKnobError, type KnobError, type Knobs, knobs, readKnobs } from "./knobs.js";
export { formats, type MockServer, mockHandler, routes, startMock } from "./server.js";
