/** The in-memory run list: bounded by count and by body bytes, oldest finished runs forgotten first. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../src/mock/index.js";
import type { SendOptions } from "../../src/node/http/send.js";
import { send } from "../../src/node/http/send.js";
import { createRuns, type Runs } from "../../src/server/runs.js";
import { renderDraft } from "../../src/server/variables.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
});

/** Runs one mock stream to its end; returns its id. */
async function runOnce(runs: Runs, seed: number): Promise<string> {
  const rendered = renderDraft(
    {
      method: "POST",
      url: `${mock.url}/v1/chat/completions?delay=0&jitter=0&seed=${seed}`,
      headers: [["content-type", "application/json"]],
      body: JSON.stringify({
        model: "gpt-4o-mini",
        stream: true,
        messages: [{ role: "user", content: "hi" }],
      }),
    },
    () => undefined,
  );
  const text = await new Response(runs.start(rendered, {})).text();
  return (JSON.parse(text.split("\n")[0]!) as { id: string }).id;
}

describe("createRuns", () => {
  it("past the count limit, the oldest finished run is forgotten", async () => {
    const runs = createRuns({ send, limit: 2 });
    const ids = [await runOnce(runs, 1), await runOnce(runs, 2), await runOnce(runs, 3)];
    expect(runs.list().map((r) => r.id)).toEqual(ids.slice(1));
    expect(() => runs.get(ids[0]!)).toThrow(/no run with id/);
    expect(runs.get(ids[2]!).end.reason).toBe("complete");
  });

  it("past the byte budget, older runs go but the newest is always kept", async () => {
    const runs = createRuns({ send, maxBytes: 1 });
    const first = await runOnce(runs, 1);
    const second = await runOnce(runs, 2);
    expect(runs.list().map((r) => r.id)).toEqual([second]);
    expect(() => runs.get(first)).toThrow();
    expect(runs.get(second).chunks.length).toBeGreaterThan(0);
  });
});

describe("a run's timeout", () => {
  it("is send()'s total limit and lifts its 300 s header and silence defaults, which would cut a longer one", async () => {
    const seen: SendOptions[] = [];
    const runs = createRuns({
      send: (opts, callbacks) => {
        seen.push(opts);
        return send(opts, callbacks);
      },
    });
    const rendered = renderDraft(
      { method: "GET", url: `${mock.url}/v1/models`, headers: [], body: null },
      () => undefined,
    );
    await new Response(runs.start(rendered, { timeoutMs: 600_000 })).text();
    await new Response(runs.start(rendered, {})).text();
    expect(seen[0]).toMatchObject({ totalTimeoutMs: 600_000, headersTimeoutMs: 0, idleTimeoutMs: 0 });
    expect(seen[1]).not.toHaveProperty("totalTimeoutMs");
    expect(seen[1]).not.toHaveProperty("idleTimeoutMs");
  });
});
