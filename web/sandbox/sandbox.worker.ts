/**
 * The script sandbox's Web Worker: the same QuickJS engine and limits as the Node
 * side (src/core/rules/script-sandbox.ts), never the page's own JavaScript context.
 * Vite emits the WebAssembly file as an asset; the CSP allows it with
 * `script-src 'wasm-unsafe-eval'`.
 */
// quickjs-emscripten's main entry references all four build variants, and Vite would emit
// every one's WebAssembly file; importing the core and the one variant keeps it to one.
import RELEASE_SYNC from "@jitl/quickjs-wasmfile-release-sync";
import wasmLocation from "@jitl/quickjs-wasmfile-release-sync/wasm?url";
import { newQuickJSWASMModuleFromVariant, newVariant } from "quickjs-emscripten-core";
import type { SandboxRequest, SandboxResponse } from "../../src/core/rules/script-protocol.js";
import { createSandboxHandler } from "../../src/core/rules/script-sandbox.js";

// Emscripten's initial memory is 16 MiB (256 pages); the maximum is the hard memory cap.
const INITIAL_PAGES = 256;

interface WorkerScope {
  onmessage: ((m: MessageEvent<SandboxRequest>) => void) | null;
  postMessage(message: SandboxResponse): void;
}
const scope = self as unknown as WorkerScope;

const handle = createSandboxHandler((maxPages) =>
  newQuickJSWASMModuleFromVariant(
    newVariant(RELEASE_SYNC, {
      wasmLocation,
      wasmMemory: new WebAssembly.Memory({
        initial: INITIAL_PAGES,
        maximum: Math.max(INITIAL_PAGES, maxPages),
      }),
    }),
  ),
);

let chain: Promise<void> = Promise.resolve();
scope.onmessage = (m) => {
  // One request at a time, in order: the engine is synchronous and keeps state between calls.
  chain = chain.then(async () => scope.postMessage(await handle(m.data)));
};
