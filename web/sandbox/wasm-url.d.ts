// Vite's `?url` import of the QuickJS WebAssembly file (see sandbox.worker.ts).
declare module "@jitl/quickjs-wasmfile-release-sync/wasm?url" {
  const url: string;
  export default url;
}
