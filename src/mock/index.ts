/**
 * The sselens mock provider: realistic LLM streams at the real API paths,
 * deterministic, with knobs for pacing and faults. See README.md.
 *
 * @example
 * const mock = await startMock();            // 127.0.0.1, a free port
 * const openai = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: "anything" });
 * await mock.close();
 */
export { type Knobs, knobs } from "./knobs.js";
export { type MockServer, mockHandler, routes, startMock } from "./server.js";
