/**
 * Run a Node script in this process and write its peak RSS (bytes) to the file
 * named by PEAK_OUT when it exits, however it exits.
 * Usage: PEAK_OUT=f node bench/peak.mjs SCRIPT ARGS...
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { peakRss } from "./hwm.mjs";

const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...rest];
process.on("exit", () => {
  writeFileSync(process.env.PEAK_OUT, String(peakRss()));
});
await import(pathToFileURL(resolve(script)).href);
