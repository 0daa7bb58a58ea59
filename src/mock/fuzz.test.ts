/**
 * Odd requests must never break the mock: whatever the body, a route answers
 * with a stream, a JSON reply or a 4xx in the provider's shape, never a 500,
 * and keeps serving. Bodies are generated from a seeded PRNG (seed in the name).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, routes, startMock } from "./index.js";
import { createRng, int, pick, type Rng } from "./random.js";
import { raw } from "./test-client.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const KEYS = [
  "model",
  "messages",
  "stream",
  "tools",
  "n",
  "input",
  "contents",
  "prompt",
  "think",
  "thinking",
  "generationConfig",
  "stream_options",
  "role",
  "content",
  "parts",
  "text",
  "function",
  "parameters",
  "properties",
];

/** A random JSON value, biased toward the keys the mock reads. */
function value(rng: Rng, depth: number): unknown {
  const roll = rng();
  if (depth > 3 || roll < 0.3)
    return pick(rng, [null, true, false, 0, -1, 3.5, 1e9, "", "x", "user", "☕", []]);
  if (roll < 0.55) return Array.from({ length: int(rng, 0, 3) }, () => value(rng, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = int(rng, 0, 4); i > 0; i--) out[pick(rng, KEYS)] = value(rng, depth + 1);
  return out;
}

const SEED = 20260;

describe(`fuzzed request bodies (seed ${SEED})`, () => {
  it("every POST route answers every odd body without a 5xx", async () => {
    const rng = createRng(SEED);
    const posts = routes.filter((r) => r.method === "POST").map((r) => r.path.replace("{model}", "m"));
    for (let i = 0; i < 120; i++) {
      const path = posts[i % posts.length]!;
      const body =
        rng() < 0.1 ? "{not json" : JSON.stringify({ ...(value(rng, 0) as object), stream: rng() < 0.5 });
      const reply = await raw(`${mock.url}${path}?delay=0`, body);
      expect(reply.status, `${path} ${body}`).toBeLessThan(500);
      expect(reply.cut, `${path} ${body}`).toBe(false);
    }
    const after = await raw(`${mock.url}/v1/chat/completions?delay=0`, { stream: true, messages: [] });
    expect(after.text.endsWith("data: [DONE]\n\n")).toBe(true);
  });
});
