// A bare page that exposes the browser sandbox to the Chromium test (browser-sandbox.test.ts).
import { runBrowserScript } from "../../../web/sandbox/index.js";

(globalThis as unknown as { runBrowserScript: typeof runBrowserScript }).runBrowserScript = runBrowserScript;
document.title = "ready";
