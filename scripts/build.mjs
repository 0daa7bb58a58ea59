// Builds the published package: the CLI (and the Node-side workers) bundled by esbuild
// into dist/, and the web app built by Vite into dist/web. Dependencies stay external.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { build } from "esbuild";

await rm("dist", { recursive: true, force: true });

const entryPoints = { cli: "src/cli/bin.ts" };
// Node-side worker entries (e.g. the script sandbox) are built beside the CLI.
for (const [name, path] of Object.entries({ "sandbox-worker": "src/node/sandbox/worker.ts" })) {
  if (existsSync(path)) entryPoints[name] = path;
}

await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  banner: { js: "#!/usr/bin/env node" },
  // Code behind a dynamic import() (the web server, the rule engine, the script sandbox)
  // goes into chunks loaded on first use, so `inspect`, `--events` and `--help` start fast.
  // Chunks stay in dist/ itself: code that finds files via import.meta.url (dist/web,
  // dist/sandbox-worker.js) then resolves them the same from a chunk as from cli.js.
  splitting: true,
});

// The browser-safe core as a library entry (`import … from "sselens/core"`): platform-neutral,
// so bundlers can take it into a page unchanged.
await build({
  entryPoints: { core: "src/core/index.ts" },
  outdir: "dist",
  bundle: true,
  platform: "neutral",
  format: "esm",
  target: "es2022",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});

if (existsSync("web/index.html")) {
  const { build: viteBuild } = await import("vite");
  await viteBuild({ configFile: "web/vite.config.ts", logLevel: "warn" });
}
