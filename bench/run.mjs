#!/usr/bin/env node
/**
 * sselens engine benchmark (`npm run bench`, add `-- --write` to update BENCHMARKS.md).
 *
 * Runs the BUILT engine (bench/engine.ts bundled with esbuild) side by side with
 * eventsource-parser 4.x (+ JSON.parse) and the official openai SDK's Stream on
 * seeded ~8 MB bodies, in 16 KiB chunks and in random 1-64 byte chunks.
 * Rounds are interleaved (every contender once per round, order rotated) and
 * medians are compared as ratios. Peak memory is measured in a child process
 * per case; time per MB on 1 MiB vs 4 MiB events checks linear time.
 *
 * Options: --rounds N (default 7), --quick (3 rounds, fewer cases), --write.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BODIES, bigEvents, chunk16k, chunkTiny } from "./bodies.mjs";
import { CONTENDERS, runContender } from "./contenders.mjs";
import { peakRss } from "./hwm.mjs";
import { measureInspect } from "./inspect.mjs";
import { liveUnavailable, measureLive } from "./live.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = resolve(root, ".bench");
const args = process.argv.slice(2);

if (args[0] === "--child") {
  await child(args[1], args[2], args[3]);
  process.exit(0);
}
if (args[0] === "--throughput") {
  await throughputChild(args[1], args[2], args[3], Number(args[4]), Number(args[5]));
  process.exit(0);
}

const quick = args.includes("--quick");
const roundsArg = args.indexOf("--rounds");
const ROUNDS = roundsArg !== -1 ? Number(args[roundsArg + 1]) : quick ? 3 : 7;
const gc = globalThis.gc ?? (() => {});
// Throughput: OUTER rounds of one process per contender, INNER timed runs in each.
const OUTER = quick ? 2 : 3;
const INNER = Math.max(1, Math.round(ROUNDS / OUTER));
// Warm-up runs per process before timing: throughput means steady state. With 3, the parser
// read 1.4-1.5x eventsource-parser on the OpenAI body in the timed runs; 2.7x with 8.
const WARM = quick ? 3 : 8;
const lines = [];
const log = (s = "") => {
  console.log(s);
  lines.push(s);
};

const { engine } = await buildEngine();
mkdirSync(out, { recursive: true });

log(`# sselens benchmarks`);
log();
log(
  `Command: \`npm run bench${quick ? " -- --quick" : ""}\` (\`node --expose-gc bench/run.mjs\`). Throughput: ${OUTER} rounds, each running every contender in its own process (${WARM} warm-up runs, then ${INNER} timed), contenders alternating; medians of all timed runs.`,
);
log(
  `Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}.`,
);
log(
  `Load average at start: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(", ")} (a shared machine inflates wall times).`,
);
log(
  `Date: ${new Date().toISOString().slice(0, 10)}. Bodies are generated from fixed seeds (bench/bodies.mjs).`,
);
log();

// 1. Throughput, side by side.
const results = {};
const bodyNames = quick ? ["openai", "anthropic"] : Object.keys(BODIES);
for (const name of bodyNames) {
  const body = BODIES[name];
  const bytes = body.make();
  writeFileSync(resolve(out, `${name}.bin`), bytes);
  for (const chunking of ["16 KiB", "1-64 B"]) {
    // The SDK's line decoder re-concatenates the pending line on every chunk: on 1 MiB events in
    // tiny chunks one run takes minutes (0.125 MiB: ~2 s, 0.25 MiB: ~12 s here), so it sits that case out.
    const sdkFits = body.sdk && !(name === "big-events" && chunking === "1-64 B");
    const contenders = CONTENDERS.filter((c) => c.name !== "openai SDK Stream" || sdkFits);
    const times = Object.fromEntries(contenders.map((c) => [c.name, []]));
    const cpu = Object.fromEntries(contenders.map((c) => [c.name, []]));
    const counts = {};
    // Each contender runs in its own process (warm-up runs, then timed runs), so one contender's
    // JIT feedback and heap never shape another's; processes alternate between contenders.
    const chunkArg = chunking === "16 KiB" ? "16k" : "tiny";
    for (let r = 0; r < OUTER; r++) {
      const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]);
      for (const c of order) {
        const res = JSON.parse(
          execFileSync(
            process.execPath,
            [
              fileURLToPath(import.meta.url),
              "--throughput",
              name,
              chunkArg,
              c.name,
              String(WARM),
              String(INNER),
            ],
            { encoding: "utf8", maxBuffer: 1 << 20 },
          ),
        );
        counts[c.name] = res.count;
        times[c.name].push(...res.wall);
        cpu[c.name].push(...res.cpu);
      }
    }
    results[`${name} / ${chunking}`] = { mb: bytes.length / 2 ** 20, times, cpu, counts };
    console.error(`  done: ${name} / ${chunking}`);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

log(`## Throughput`);
log();
log(
  `Medians of wall time and of process CPU time (user + system; it includes V8's GC helper threads) per run, and`,
);
log(
  `ratios for both. On a shared, loaded machine both are noisy. MB/s = body MiB / median wall seconds. Ratios:`,
);
log(
  `sselens parser vs eventsource-parser (target >= 1.5x on 16 KiB chunks); sselens pipeline (parse + JSON + merge +`,
);
log(
  `metrics + report) vs eventsource-parser + JSON.parse (target >= 1.0x). The openai SDK Stream (async iterator over a`,
);
log(
  `Response, SSE + JSON.parse) is shown for context; it sits out 1 MiB events in tiny chunks, where its pending-line`,
);
log(`concatenation is quadratic.`);
log();
log(`| body / chunks | MiB | contender | wall ms | CPU ms | MB/s | events |`);
log(`| --- | ---: | --- | ---: | ---: | ---: | ---: |`);
const ratios = [];
for (const [key, r] of Object.entries(results)) {
  for (const name of Object.keys(r.times)) {
    const wall = median(r.times[name]);
    log(
      `| ${key} | ${r.mb.toFixed(1)} | ${name} | ${wall.toFixed(1)} | ${median(r.cpu[name]).toFixed(1)} | ${(r.mb / (wall / 1000)).toFixed(0)} | ${r.counts[name]} |`,
    );
  }
  const w = (n) => median(r.times[n]);
  const m = (n) => median(r.cpu[n]);
  ratios.push([
    key,
    w("eventsource-parser") / w("sselens parser"),
    m("eventsource-parser") / m("sselens parser"),
    w("eventsource-parser + JSON.parse") / w("sselens pipeline"),
    m("eventsource-parser + JSON.parse") / m("sselens pipeline"),
  ]);
  const distinct = new Set(Object.values(r.counts));
  if (distinct.size > 1) log(`| ${key} | | WARNING: contenders disagree on the event count | | | | |`);
}
log();
log(
  `| body / chunks | parser vs eventsource-parser, wall | CPU | pipeline vs eventsource-parser + JSON.parse, wall | CPU |`,
);
log(`| --- | ---: | ---: | ---: | ---: |`);
for (const [key, pw, pc, qw, qc] of ratios) {
  log(`| ${key} | ${pw.toFixed(2)}x | ${pc.toFixed(2)}x | ${qw.toFixed(2)}x | ${qc.toFixed(2)}x |`);
}
log();

// 2. Linear time on huge events fed in tiny chunks.
log(`## Linear time: 1 MiB vs 4 MiB events in random 1-64 byte chunks`);
log();
log(
  `Time per MiB should not grow with the event size (an O(n^2) rescan or concatenation would make 4 MiB events ~4x slower per MiB).`,
);
log();
log(`| contender | CPU ms/MiB, 1 MiB events | CPU ms/MiB, 4 MiB events | ratio |`);
log(`| --- | ---: | ---: | ---: |`);
{
  const small = chunkTiny(bigEvents(5, 1, 4));
  const large = chunkTiny(bigEvents(6, 4, 1));
  const mib = (cs) => cs.reduce((s, c) => s + c.length, 0) / 2 ** 20;
  for (const c of CONTENDERS.filter((x) => x.name !== "openai SDK Stream")) {
    const a = [];
    const b = [];
    for (let r = 0; r < Math.max(3, ROUNDS - 2); r++) {
      gc();
      let c0 = process.cpuUsage();
      await runContender(c, engine, small, "/v1/chat/completions");
      a.push(cpuMs(c0) / mib(small));
      gc();
      c0 = process.cpuUsage();
      await runContender(c, engine, large, "/v1/chat/completions");
      b.push(cpuMs(c0) / mib(large));
    }
    log(
      `| ${c.name} | ${median(a).toFixed(1)} | ${median(b).toFixed(1)} | ${(median(b) / median(a)).toFixed(2)} |`,
    );
  }
}
log();

// 3. Peak memory, one child process per case.
log(`## Peak memory`);
log();
log(
  `Peak RSS of a child process that reads the body file, splits it and runs one contender once, minus the peak RSS`,
);
log(`of the same child running no contender. Target: well under twice the body size.`);
log();
log(`| body / chunks | contender | peak RSS above baseline | x body size |`);
log(`| --- | --- | ---: | ---: |`);
for (const name of bodyNames) {
  const size = readFileSync(resolve(out, `${name}.bin`)).length;
  for (const chunking of name === "big-events" ? ["16k", "tiny"] : ["16k"]) {
    const base = childRun(name, chunking, "none");
    for (const c of CONTENDERS.filter((x) => x.name !== "openai SDK Stream")) {
      const peak = childRun(name, chunking, c.name);
      const delta = Math.max(0, peak - base);
      log(
        `| ${name} / ${chunking === "16k" ? "16 KiB" : "1-64 B"} | ${c.name} | ${(delta / 2 ** 20).toFixed(1)} MiB | ${(delta / size).toFixed(2)} |`,
      );
    }
  }
}
log();
log(`## sselens inspect on a 48 MB body (whole process)`);
log();
{
  const r = measureInspect({ rounds: quick ? 1 : 3 });
  if (r === null) log(`Not measured: dist/cli.js is missing (run npm run build).`);
  else {
    const mib = r.size / 2 ** 20;
    const peer = r.results["eventsource-parser + JSON.parse script"];
    log(
      `\`sselens inspect FILE --json\` vs a plain Node script that streams the same ${mib.toFixed(0)} MiB OpenAI-shaped file through`,
    );
    log(
      `eventsource-parser and JSON.parses every event (bench/inspect-peer.mjs); wall time and peak RSS, medians of interleaved runs.`,
    );
    log(`Targets: time <= the script's; peak RSS above the script's <= 2x the body.`);
    log();
    log(`| process | wall ms | peak RSS MiB | RSS above the script, x body |`);
    log(`| --- | ---: | ---: | ---: |`);
    for (const [name, v] of Object.entries(r.results)) {
      const above = (v.peakRss - peer.peakRss) / r.size;
      log(`| ${name} | ${v.ms.toFixed(0)} | ${(v.peakRss / 2 ** 20).toFixed(0)} | ${above.toFixed(2)} |`);
    }
  }
}
log();

log(`## Live delivery`);
log();
{
  const why = liveUnavailable();
  if (why) log(`Not measured: ${why}.`);
  else {
    log(
      `Delay from an event's bytes being written to a loopback socket to its line on the reader's stdout, same clock,`,
    );
    log(
      `200 events 10 ms apart per run, ${quick ? 2 : 5} interleaved runs per reader (bench/live.mjs). Target: sselens within 2 ms of curl at p95.`,
    );
    log();
    log(`| reader | p50 ms | p95 ms | max ms | events |`);
    log(`| --- | ---: | ---: | ---: | ---: |`);
    const live = await measureLive({ rounds: quick ? 2 : 5 });
    for (const [name, r] of Object.entries(live)) {
      log(`| ${name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(1)} | ${r.n} |`);
    }
  }
}
log();

if (args.includes("--write")) {
  // Hand-written analysis below the marker survives a re-run.
  const target = resolve(root, "BENCHMARKS.md");
  const MARK = "<!-- hand-written notes below -->";
  const old = existsSync(target) ? readFileSync(target, "utf8") : "";
  const notes = old.includes(MARK) ? old.slice(old.indexOf(MARK)) : `${MARK}\n`;
  writeFileSync(target, `${lines.join("\n")}\n\n${notes}`);
  // The repository's formatter aligns Markdown tables; keep `npm run check` green.
  try {
    execFileSync(resolve(root, "node_modules/.bin/biome"), ["format", "--write", target], {
      stdio: "ignore",
    });
  } catch {
    console.error("note: could not run biome format on BENCHMARKS.md");
  }
  console.error(`wrote BENCHMARKS.md`);
}

/** CPU ms (user + system) since `start` (a process.cpuUsage() value). */
function cpuMs(start) {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

async function buildEngine() {
  const { build } = await import("esbuild");
  const outfile = resolve(root, ".bench/engine.mjs");
  await build({
    entryPoints: [resolve(root, "bench/engine.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "node20",
    outfile,
    logLevel: "warning",
  });
  return { engine: await import(pathToFileURL(outfile).href) };
}

function childRun(name, chunking, contender) {
  const text = execFileSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), "--child", name, chunking, contender],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  return JSON.parse(text).maxRss;
}

/** One contender on one body in this process: `warm` untimed runs, then `runs` timed ones. */
async function throughputChild(name, chunking, contender, warm, runs) {
  const engine = await import(pathToFileURL(resolve(out, "engine.mjs")).href);
  const file = readFileSync(resolve(out, `${name}.bin`));
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.length);
  const chunks = chunking === "16k" ? chunk16k(bytes) : chunkTiny(bytes);
  const c = CONTENDERS.find((x) => x.name === contender);
  if (!c) throw new Error(`unknown contender ${contender}`);
  const res = { wall: [], cpu: [], count: 0 };
  for (let i = 0; i < warm + runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    res.count = await runContender(c, engine, chunks, BODIES[name].url);
    if (i >= warm) {
      res.wall.push(performance.now() - t0);
      res.cpu.push(cpuMs(c0));
    }
  }
  process.stdout.write(JSON.stringify(res));
}

async function child(name, chunking, contender) {
  const { engine } = await import(pathToFileURL(resolve(out, "engine.mjs")).href).then((m) => ({
    engine: m,
  }));
  const file = readFileSync(resolve(out, `${name}.bin`));
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.length);
  const chunks = chunking === "16k" ? chunk16k(bytes) : chunkTiny(bytes);
  globalThis.gc?.();
  const c = CONTENDERS.find((x) => x.name === contender);
  if (c) await runContender(c, engine, chunks, BODIES[name].url);
  process.stdout.write(JSON.stringify({ maxRss: peakRss() }));
}
