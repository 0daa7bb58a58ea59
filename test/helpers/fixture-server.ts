/**
 * A loopback HTTP server that answers each request with one fixture body, for the SDK oracle
 * tests: a real client reads the bytes with its own HTTP stack and stream parser.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface FixtureServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serve the files of `dir` as `contentType`. `pick` names the fixture a request asks for, from
 * its URL or its body (the tests put the file name where the API takes a model name).
 */
export async function serveFixtures(
  dir: string,
  contentType: string,
  pick: (request: { url: string; body: string }) => string,
): Promise<FixtureServer> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const file = pick({ url: req.url ?? "", body: Buffer.concat(parts).toString("utf8") });
      res.writeHead(200, { "content-type": contentType });
      res.end(readFileSync(join(dir, file)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The fixture named as the request body's `model` (how the Cohere and Ollama clients are pointed at one). */
export const modelInBody = ({ body }: { body: string }): string =>
  (JSON.parse(body) as { model: string }).model;
