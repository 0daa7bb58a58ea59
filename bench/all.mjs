/**
 * `npm run bench`: the three benchmarks in turn, each given the same arguments, so
 * `npm run bench -- --write` rewrites every generated section of BENCHMARKS.md (npm appends
 * the arguments to the last command of a script only, which used to leave run.mjs unwritten).
 */
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const steps = [
  ["--expose-gc", resolve(here, "run.mjs"), ...args],
  [resolve(here, "rules.mjs"), ...args.filter((a) => a !== "--write")],
  [resolve(here, "ui.mjs"), ...args.filter((a) => a !== "--quick")],
];
for (const step of steps) {
  const r = spawnSync(process.execPath, step, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
