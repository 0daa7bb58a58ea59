/**
 * A tiny real HTTP client for the mock's own tests: every network read is
 * kept, so tests can see exactly how the bytes were written (bunching, cuts).
 */
import { request } from "node:http";

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Each network read, decoded as UTF-8 only at the end. */
  chunks: Buffer[];
  text: string;
  /** True when the connection broke before the body ended. */
  cut: boolean;
}

/** POST (or GET without a body) over loopback and collect the whole reply. */
export function raw(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = request(
      url,
      {
        method: payload === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let cut = false;
        res.on("data", (b: Buffer) => chunks.push(b));
        res.on("aborted", () => {
          cut = true;
        });
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            chunks,
            text: Buffer.concat(chunks).toString("utf8"),
            cut: cut || !res.complete,
          });
        res.on("error", done);
        res.on("close", done);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
