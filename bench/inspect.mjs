/**
 * Whole-process check of issue #3: `sselens inspect FILE --json` on a 48 MB
 * OpenAI-shaped body against a plain script with eventsource-parser and
 * JSON.parse (bench/inspect-peer.mjs): wall time and peak RSS, interleaved.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openai } from "./bodies.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Returns null when the CLI is not built, else medians per contender {ms, peakRss} and the body size. */
export function measureInspect({ rounds = 3, mib = 48 } = {}) {
  const cli = resolve(root, "dist/cli.js");
  if (!existsSync(cli)) return null;
  const file = resolve(root, `.bench/openai-${mib}m.sse`);
  if (!existsSync(file)) writeFileSync(file, openai(7, false, mib * 2 ** 20));
  const size = readFileSync(file).length;
  const peakFile = resolve(root, ".bench/peak.txt");
  const contenders = {
    "sselens inspect --json": [cli, "inspect", file, "--json"],
    "eventsource-parser + JSON.parse script": [resolve(root, "bench/inspect-peer.mjs"), file],
  };
  const results = Object.fromEntries(Object.keys(contenders).map((k) => [k, { ms: [], rss: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, args] of Object.entries(contenders)) {
      const t0 = performance.now();
      const run = spawnSync(process.execPath, [resolve(root, "bench/peak.mjs"), ...args], {
        env: { ...process.env, PEAK_OUT: peakFile },
        maxBuffer: 1 << 26,
      });
      const ms = performance.now() - t0;
      if (run.status !== 0 && name.startsWith("sselens") && run.status !== 1) {
        throw new Error(`${name} exited ${run.status}: ${run.stderr}`);
      }
      results[name].ms.push(ms);
      results[name].rss.push(Number(readFileSync(peakFile, "utf8")));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return {
    size,
    results: Object.fromEntries(
      Object.entries(results).map(([k, v]) => [k, { ms: median(v.ms), peakRss: median(v.rss) }]),
    ),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(measureInspect({ rounds: 1 }));
