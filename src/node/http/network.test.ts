/** TLS options (-k, --cacert) and proxies from the environment, over real loopback sockets. */
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, connect } from "node:net";
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { send } from "./send.js";

const tlsDir = resolve(import.meta.dirname, "../../../test/cli/fixtures/tls");
const cert = readFileSync(resolve(tlsDir, "cert.pem"), "utf8");
const key = readFileSync(resolve(tlsDir, "key.pem"), "utf8");

const listen = (server: Server) =>
  new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as AddressInfo).port)));
const close = (server: Server) =>
  new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });

let https: Server;
let httpsUrl: string;
let plain: Server;
let plainUrl: string;
/** A CONNECT proxy that records the targets it tunnelled to. */
let proxy: Server;
let proxyUrl: string;
const tunnelled: string[] = [];

beforeAll(async () => {
  https = createHttpsServer({ cert, key }, (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end("data: secure\n\n");
  });
  httpsUrl = `https://127.0.0.1:${await listen(https)}/`;
  plain = createHttpServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end("data: plain\n\n");
  });
  plainUrl = `http://127.0.0.1:${await listen(plain)}/`;
  proxy = createHttpServer((_req, res) => {
    res.writeHead(501);
    res.end();
  });
  proxy.on("connect", (req, client, head) => {
    tunnelled.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});

afterAll(async () => {
  await Promise.all([close(https), close(plain), close(proxy)]);
});

const body = (c: Awaited<ReturnType<typeof send>>) => Buffer.concat(c.chunks.map((x) => x.bytes)).toString();

describe("TLS options", () => {
  it("refuses an untrusted certificate with a hint about --cacert and -k", async () => {
    const capture = await send({ method: "GET", url: httpsUrl, headers: [], body: null });
    expect(capture.end.reason).toBe("error");
    expect(capture.end.error?.message).toMatch(/self[- ]signed/);
    expect(capture.end.error?.message).toMatch(/--cacert FILE.*-k/);
  });

  it("accepts it with insecure (-k)", async () => {
    const capture = await send({ method: "GET", url: httpsUrl, headers: [], body: null, insecure: true });
    expect(capture.end.reason).toBe("complete");
    expect(body(capture)).toBe("data: secure\n\n");
  });

  it("accepts it when its CA is given (--cacert)", async () => {
    const capture = await send({ method: "GET", url: httpsUrl, headers: [], body: null, ca: cert });
    expect(capture.end.reason).toBe("complete");
    expect(body(capture)).toBe("data: secure\n\n");
  });
});

describe("proxies from the environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    tunnelled.length = 0;
  });

  it("goes through HTTP_PROXY", async () => {
    process.env["HTTP_PROXY"] = proxyUrl;
    const capture = await send({ method: "GET", url: plainUrl, headers: [], body: null });
    expect(body(capture)).toBe("data: plain\n\n");
    expect(tunnelled).toEqual([new URL(plainUrl).host]);
  });

  it("goes through HTTPS_PROXY with the TLS options applied to the tunnelled connection", async () => {
    process.env["HTTPS_PROXY"] = proxyUrl;
    const capture = await send({ method: "GET", url: httpsUrl, headers: [], body: null, ca: cert });
    expect(capture.end.reason).toBe("complete");
    expect(body(capture)).toBe("data: secure\n\n");
    expect(tunnelled).toEqual([new URL(httpsUrl).host]);
  });

  it("skips the proxy for hosts in NO_PROXY", async () => {
    process.env["HTTP_PROXY"] = proxyUrl;
    process.env["NO_PROXY"] = "127.0.0.1";
    const capture = await send({ method: "GET", url: plainUrl, headers: [], body: null });
    expect(body(capture)).toBe("data: plain\n\n");
    expect(tunnelled).toEqual([]);
  });
});
