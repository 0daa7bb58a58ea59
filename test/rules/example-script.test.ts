/**
 * The Rules tab's starter script, run in the Node sandbox: it merges an OpenAI-style
 * stream and stays quiet (no problems) on events it does not understand.
 */
import { describe, expect, it } from "vitest";
import type { ScriptEventInput } from "../../src/core/rules/script-protocol.js";
import { runScript } from "../../src/node/sandbox/index.js";
import { EXAMPLE_SCRIPT } from "../../web/features/rules/example-script.js";

const ev = (index: number, json: unknown, type = "message"): ScriptEventInput => ({
  type,
  data: JSON.stringify(json),
  id: "",
  index,
  t: index * 10,
});

describe("the starter script", () => {
  it("merges reasoning and content, with no problem on a usage chunk or an Anthropic event", async () => {
    const events = [
      ev(0, { choices: [{ delta: { role: "assistant" } }] }),
      ev(1, { choices: [{ delta: { reasoning_content: "Hmm." } }] }),
      ev(2, { choices: [{ delta: { content: "Blue." } }] }),
      ev(3, { choices: [], usage: { total_tokens: 3 } }),
      ev(4, { type: "content_block_delta", delta: { type: "text_delta", text: "x" } }, "content_block_delta"),
    ];
    const r = await runScript(EXAMPLE_SCRIPT, events, { perCallMs: 1_000, totalMs: 30_000 });
    expect(r.ready.problem).toBeNull();
    expect(r.steps.map((s) => s.problem).filter(Boolean)).toEqual([]);
    expect(r.reply.content).toBe("Blue.");
    expect(r.reply.reasoning).toBe("Hmm.");
  });
});
