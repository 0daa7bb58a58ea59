/**
 * The Rules panel's live preview cost (issue #5 target: under 100 ms for a 1,000-event capture).
 * Each edit compiles the rule and re-merges the whole capture with it; this measures exactly that
 * work with the built core (`dist/core.js`, the same code the page bundles), on a seeded capture of
 * 1,000 custom JSON events, and a built-in merge of the same capture for comparison.
 * Standalone: `node bench/rules.mjs` after `npm run build`.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corePath = resolve(root, "dist/core.js");
if (!existsSync(corePath)) {
  console.error("bench/rules.mjs: dist/core.js is missing (run npm run build)");
  process.exit(1);
}
const { analyzeCapture, compileRule } = await import(corePath);

function capture(events) {
  const enc = new TextEncoder();
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const chunks = [];
  for (let i = 0; i < events; i++) {
    const thinking = i < events / 4;
    const body = { seq: i, delta: { [thinking ? "thought" : "text"]: `tok${i} ` }, meta: { r: rnd() } };
    chunks.push({ t: i * 20, bytes: enc.encode(`event: delta\ndata: ${JSON.stringify(body)}\n\n`) });
  }
  chunks.push({ t: events * 20, bytes: enc.encode("event: done\ndata: {}\n\n") });
  return {
    version: 1,
    id: "bench",
    startedAt: new Date(0).toISOString(),
    request: { method: "POST", url: "http://127.0.0.1/agent", headers: [], body: null },
    response: {
      status: 200,
      statusText: "OK",
      headers: [["content-type", "text/event-stream"]],
      encoding: null,
      headersAt: 1,
    },
    chunks,
    end: { reason: "complete", at: events * 20 + 1 },
  };
}

const rule = {
  content: "$.delta.text",
  reasoning: "$.delta.thought",
  events: ["delta", "done"],
  end: { event: "done" },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const cap = capture(1000);
const rounds = 30;
const withRule = [];
const builtIn = [];
let content = "";
for (let i = 0; i < rounds; i++) {
  let t0 = performance.now();
  const compiled = compileRule(rule);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const report = analyzeCapture(cap, { format: compiled.rule.format });
  withRule.push(performance.now() - t0);
  content = report.choices[0]?.content ?? "";
  t0 = performance.now();
  analyzeCapture(cap, {});
  builtIn.push(performance.now() - t0);
}
if (!content.startsWith("tok250 "))
  throw new Error(`the rule merged unexpected text: ${content.slice(0, 40)}`);

console.log("## Rules preview: re-merge a 1,000-event capture on every edit\n");
console.log(`\`node bench/rules.mjs\`, ${rounds} rounds, medians (the first rounds include JIT warm-up).\n`);
console.log("| work | median ms | worst ms |");
console.log("| --- | ---: | ---: |");
console.log(
  `| compile the JSONPath rule + re-merge with it | ${median(withRule).toFixed(1)} | ${Math.max(...withRule).toFixed(1)} |`,
);
console.log(
  `| re-merge with no rule (generic view), for comparison | ${median(builtIn).toFixed(1)} | ${Math.max(...builtIn).toFixed(1)} |`,
);
console.log(`\nTarget: under 100 ms. Ratio median/target: ${(median(withRule) / 100).toFixed(2)}.`);
