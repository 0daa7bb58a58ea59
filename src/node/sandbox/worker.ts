/**
 * The script sandbox's Node worker (bundled to dist/sandbox-worker.js). It only
 * wires the message port; the engine is QuickJS in WebAssembly, created here with
 * a capped memory, and never sees anything of Node.
 */
import { parentPort } from "node:worker_threads";
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } from "quickjs-emscripten";
import type { SandboxRequest } from "../../core/rules/script-protocol.js";
import { createSandboxHandler } from "../../core/rules/script-sandbox.js";

// Emscripten's initial memory is 16 MiB (256 pages); the maximum is the hard memory cap.
const INITIAL_PAGES = 256;

const handle = createSandboxHandler((maxPages) =>
  newQuickJSWASMModuleFromVariant(
    newVariant(RELEASE_SYNC, {
      wasmMemory: new WebAssembly.Memory({
        initial: INITIAL_PAGES,
        maximum: Math.max(INITIAL_PAGES, maxPages),
      }),
    }),
  ),
);

const port = parentPort;
if (!port) throw new Error("sandbox worker: must run in a worker thread");
let chain: Promise<void> = Promise.resolve();
port.on("message", (request: SandboxRequest) => {
  // One request at a time, in order: the engine is synchronous and keeps state between calls.
  chain = chain.then(async () => port.postMessage(await handle(request)));
});
