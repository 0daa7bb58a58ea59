/**
 * Where the sandbox worker's code is. Built: `dist/sandbox-worker.js` beside the
 * bundled CLI. From source (tests, development): `worker.ts` bundled once per
 * process with esbuild into `node_modules/.cache/sselens/`, so the worker is
 * always the current code and its package imports resolve as usual.
 */
import { existsSync } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

let cached: Promise<URL> | undefined;

async function bundleFromSource(source: string): Promise<URL> {
  // src/node/sandbox/worker.ts → <repo>/node_modules/.cache/sselens
  const repo = dirname(dirname(dirname(dirname(source))));
  const dir = join(repo, "node_modules", ".cache", "sselens");
  await mkdir(dir, { recursive: true });
  const out = join(dir, "sandbox-worker.mjs");
  const tmp = join(dir, `sandbox-worker.${process.pid}.${Date.now()}.mjs`);
  const { build } = await import("esbuild");
  await build({
    entryPoints: [source],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  // Atomic: concurrent test processes each write their own file, then swap it in.
  await rename(tmp, out);
  return pathToFileURL(out);
}

/** The URL of the sandbox worker script (built, or bundled from source on first use). */
export function sandboxWorkerUrl(): Promise<URL> {
  cached ??= (async () => {
    const built = new URL("./sandbox-worker.js", import.meta.url);
    if (existsSync(fileURLToPath(built))) return built;
    const source = fileURLToPath(new URL("./worker.ts", import.meta.url));
    if (!existsSync(source)) {
      throw new Error(
        `script sandbox worker not found: expected ${fileURLToPath(built)} (run npm run build)`,
      );
    }
    return bundleFromSource(source);
  })();
  return cached;
}
