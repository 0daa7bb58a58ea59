/**
 * Live delivery: the delay from an event's bytes being written to a loopback
 * socket to that event's line on a reader's stdout, for `sselens URL --events`
 * (the built CLI) against `curl -N` on the same stream. Both are timed by the
 * same clock, in this process, which is also the server.
 *
 * Standalone: `node bench/live.mjs` (after `npm run build`).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = resolve(root, "dist/cli.js");

/** Can this machine run the measurement (built CLI and curl present)? Returns a reason when not. */
export function liveUnavailable() {
  if (!existsSync(CLI)) return "dist/cli.js is missing (run npm run build)";
  if (spawnSync("curl", ["--version"]).status !== 0) return "curl is not installed";
  return null;
}

/** Serve `events` events `gapMs` apart; `written[i]` is when event i was handed to the socket. */
function startServer(events, gapMs) {
  const runs = [];
  const server = createServer((req, res) => {
    req.resume();
    const written = [];
    runs.push(written);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.flushHeaders();
    let i = 0;
    const tick = () => {
      if (i === events) {
        res.end("data: [DONE]\n\n");
        return;
      }
      const chunk = {
        id: "c",
        object: "chat.completion.chunk",
        model: "m",
        choices: [{ index: 0, delta: { content: `@${i}@` }, finish_reason: null }],
      };
      written[i] = performance.now();
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      i++;
      setTimeout(tick, gapMs);
    };
    setTimeout(tick, 50);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ server, runs })));
}

/** Run a reader and record when each `@i@` marker first appears on its stdout. */
function read(cmd, args) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "ignore"] });
    const seen = [];
    let text = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (s) => {
      const now = performance.now();
      const from = Math.max(0, text.length - 16);
      text += s;
      const re = /@(\d+)@/g;
      re.lastIndex = from;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const i = Number(m[1]);
        if (seen[i] === undefined) seen[i] = now;
      }
    });
    child.on("error", fail);
    child.on("close", () => ok(seen));
  });
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/**
 * Measure both readers over `rounds` interleaved runs of `events` events.
 * Returns per reader {p50, p95, max, n} in ms.
 */
export async function measureLive({ rounds = 3, events = 200, gapMs = 10 } = {}) {
  const { server, runs } = await startServer(events, gapMs);
  const url = `http://127.0.0.1:${server.address().port}/v1/chat/completions`;
  const readers = {
    "curl -N": ["curl", ["-N", "-s", url]],
    "sselens --events": [process.execPath, [CLI, url, "--events"]],
  };
  const delays = Object.fromEntries(Object.keys(readers).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, [cmd, args]] of Object.entries(readers)) {
      const before = runs.length;
      const seen = await read(cmd, args);
      const written = runs[before];
      // The first events include process start-up effects on both sides; skip a few.
      for (let i = 5; i < events; i++) {
        if (seen[i] !== undefined && written?.[i] !== undefined) delays[name].push(seen[i] - written[i]);
      }
    }
  }
  server.close();
  return Object.fromEntries(
    Object.entries(delays).map(([k, d]) => [
      k,
      { p50: percentile(d, 0.5), p95: percentile(d, 0.95), max: Math.max(...d), n: d.length },
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const why = liveUnavailable();
  if (why) {
    console.log(`live delivery not measured: ${why}`);
  } else {
    console.log(await measureLive());
  }
}
