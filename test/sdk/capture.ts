/**
 * Fetch a request over real loopback HTTP and record it as a sselens Capture:
 * the body as the network delivered it, chunk by chunk, with arrival times.
 */
import type { Capture, Header } from "../../src/core/capture/types.js";

export async function fetchCapture(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Capture> {
  const started = performance.now();
  const requestHeaders: Header[] = Object.entries({ "content-type": "application/json", ...headers });
  const text = JSON.stringify(body);
  const res = await fetch(url, { method: "POST", headers: Object.fromEntries(requestHeaders), body: text });
  const headersAt = performance.now() - started;
  const chunks: Capture["chunks"] = [];
  let end: Capture["end"] = { reason: "complete", at: null };
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push({ t: performance.now() - started, bytes: value });
    }
    end = { reason: "complete", at: performance.now() - started };
  } catch (e) {
    end = { reason: "cut", at: performance.now() - started, error: { code: "cut", message: String(e) } };
  }
  return {
    version: 1,
    id: "sdk-oracle",
    startedAt: new Date(0).toISOString(),
    request: { method: "POST", url, headers: requestHeaders, body: text },
    response: {
      status: res.status,
      statusText: res.statusText,
      headers: [...res.headers.entries()],
      encoding: null,
      headersAt,
    },
    chunks,
    end,
  };
}

/** The body bytes of a capture as one string (to compare two fetches of the same request). */
export function bodyText(capture: Capture): string {
  return Buffer.concat(capture.chunks.map((c) => c.bytes)).toString("utf8");
}
