/**
 * The routes through `app.request()` (no socket for the app), with runs sent
 * for real over loopback to the mock provider or to a plain node:http server.
 */
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deserializeCapture } from "../../src/core/capture/serialize.js";
import { analyzeCapture } from "../../src/core/pipeline/analyze.js";
import type {
  AppInfo,
  CollectionsDoc,
  EnvironmentsDoc,
  RunMessage,
  RunSummary,
  Template,
  WireCapture,
} from "../../src/server/protocol.js";
import { SECRET_MASK } from "../../src/server/protocol.js";
import { createTestApp, readLines, type TestApp } from "./helpers.js";

let t: TestApp;
/** A loopback server that records the headers and URL it got, and answers a short SSE body. */
let echo: Server;
let echoUrl: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: { FROM_PROCESS_API_KEY: "process-secret-value-42", PATH: "/bin" } });
  echo = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end('data: {"ok":true}\n\n');
  });
  await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => echo.close(r));
});

const json = (method: string, path: string, body: unknown) =>
  t.request(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const run = async (body: unknown): Promise<RunMessage[]> => {
  const res = await json("POST", "/api/runs", body);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/x-ndjson");
  return (await readLines(res)) as RunMessage[];
};

const chatRequest = (query = "delay=0&jitter=0") => ({
  method: "POST",
  url: `${t.mock.url}/v1/chat/completions?${query}`,
  headers: [["content-type", "application/json"]] as [string, string][],
  body: JSON.stringify({
    model: "deepseek-reasoner",
    stream: true,
    messages: [{ role: "user", content: "hi" }],
  }),
});

describe("info and templates", () => {
  it("GET /api/info names the mock and ready-made requests against it", async () => {
    const info = (await (await t.request("/api/info")).json()) as AppInfo;
    expect(info.mockUrl).toBe(t.mock.url);
    expect(info.home).toBe(t.home);
    expect(info.examples.length).toBeGreaterThanOrEqual(5);
    for (const example of info.examples) expect(example.request.url.startsWith(t.mock.url)).toBe(true);
  });
  it("GET /api/templates lists every provider, each with a real URL and a mock twin, and no literal key", async () => {
    const templates = (await (await t.request("/api/templates")).json()) as Template[];
    expect(templates.map((x) => x.id)).toEqual([
      "openai-chat",
      "openai-responses",
      "anthropic",
      "gemini",
      "ollama",
      "cohere",
      "deepseek",
      "openrouter",
      "groq",
      "openai-compatible",
    ]);
    for (const template of templates) {
      expect(template.request.url).toMatch(/^https?:\/\//);
      expect(template.mock.url.startsWith(t.mock.url)).toBe(true);
      for (const variable of template.variables) {
        expect(JSON.stringify(template.request.headers)).toContain(`{{${variable}}}`);
      }
      expect(template.mock.headers.some(([n]) => n.toLowerCase() === "authorization")).toBe(false);
    }
  });
});

describe("every template's mock twin streams from the built-in mock", () => {
  it("each merges complete, in the template's format", async () => {
    const templates = (await (await t.request("/api/templates")).json()) as Template[];
    for (const template of templates) {
      const request = {
        ...template.mock,
        headers: [...template.mock.headers, ["x-mock-delay", "0"], ["x-mock-jitter", "0"]],
      };
      const messages = await run({ request });
      const id = (messages[0] as Extract<RunMessage, { type: "start" }>).id;
      const wire = await (await t.request(`/api/runs/${id}`)).json();
      const report = analyzeCapture(deserializeCapture(wire));
      expect({
        id: template.id,
        status: report.status,
        format: report.format,
        complete: report.complete,
      }).toEqual({
        id: template.id,
        status: 200,
        format: template.format,
        complete: true,
      });
      expect(report.choices[0]?.content.length ?? 0).toBeGreaterThan(0);
    }
  });
});

describe("runs", () => {
  it("streams start, response, every chunk and end, then lists and serves the capture", async () => {
    const messages = await run({ request: chatRequest() });
    expect(messages[0]?.type).toBe("start");
    expect(messages[1]).toMatchObject({ type: "response", response: { status: 200 } });
    const chunks = messages.filter((m) => m.type === "chunk");
    expect(chunks.length).toBeGreaterThan(0);
    expect(messages.at(-1)).toMatchObject({ type: "end", end: { reason: "complete" } });
    const body = Buffer.concat(chunks.map((c) => Buffer.from(c.data, "base64"))).toString("utf8");
    expect(body).toContain("data: [DONE]");
    const id = (messages[0] as Extract<RunMessage, { type: "start" }>).id;

    const list = (await (await t.request("/api/runs")).json()) as RunSummary[];
    expect(list.find((r) => r.id === id)).toMatchObject({ method: "POST", status: 200, end: "complete" });

    const wire = (await (await t.request(`/api/runs/${id}`)).json()) as WireCapture;
    expect(wire.id).toBe(id);
    expect(wire.chunks.map((c) => c.b64)).toEqual(chunks.map((c) => c.data));
    expect(wire.end.reason).toBe("complete");
  });

  it("a refused connection is a run that ends with reason error, not a failed route", async () => {
    const messages = await run({
      request: { method: "GET", url: "http://127.0.0.1:9/", headers: [], body: null },
    });
    expect(messages.map((m) => m.type)).toEqual(["start", "end"]);
    expect(messages[1]).toMatchObject({ type: "end", end: { reason: "error" } });
  });

  it("HTTP 429 from the provider arrives as a response with its body", async () => {
    const messages = await run({ request: chatRequest("fault=429") });
    expect(messages[1]).toMatchObject({ type: "response", response: { status: 429 } });
  });

  it("cancel stops a run in flight: it ends aborted, with what arrived kept", async () => {
    const res = await json("POST", "/api/runs", { request: chatRequest("delay=150&jitter=0") });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let id: string | undefined;
    while (!text.includes('"type":"chunk"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      id ??= /"id":"([^"]+)"/.exec(text)?.[1];
    }
    expect(id).toBeDefined();
    const cancel = await json("POST", `/api/runs/${id}/cancel`, {});
    expect(cancel.status).toBe(200);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const last = JSON.parse(text.trim().split("\n").at(-1)!) as RunMessage;
    expect(last).toMatchObject({ type: "end", end: { reason: "aborted" } });
    const wire = (await (await t.request(`/api/runs/${id}`)).json()) as WireCapture;
    expect(wire.end.reason).toBe("aborted");
    expect(wire.chunks.length).toBeGreaterThan(0);
  });

  it("unknown runs are 404 for both cancel and read", async () => {
    expect((await json("POST", "/api/runs/nope/cancel", {})).status).toBe(404);
    expect((await t.request("/api/runs/nope")).status).toBe(404);
  });

  it("a malformed run request is 400 and says where", async () => {
    const res = await json("POST", "/api/runs", {
      request: { method: "GET", url: 5, headers: [], body: null },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("request.url");
    const bad = await t.request("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
  });
});

describe("variables and secrets", () => {
  const SECRET = "sk-test-very-secret-value-0123456789";
  const environments: EnvironmentsDoc = {
    active: "dev",
    environments: [
      {
        name: "dev",
        variables: [
          { name: "base_url", value: "", secret: false },
          { name: "api_key", value: SECRET, secret: true },
        ],
      },
    ],
  };

  it("stores a secret apart, masks it when read back, and keeps it when the mask is sent back", async () => {
    environments.environments[0]!.variables[0]!.value = echoUrl;
    const put = (await (await json("PUT", "/api/environments", environments)).json()) as EnvironmentsDoc;
    expect(put.environments[0]?.variables[1]).toEqual({ name: "api_key", value: SECRET_MASK, secret: true });
    const got = await t.request("/api/environments");
    expect(await got.text()).not.toContain(SECRET);
    expect(await readFile(join(t.home, "environments.json"), "utf8")).not.toContain(SECRET);
    expect(await readFile(join(t.home, "secrets.json"), "utf8")).toContain(SECRET);
    expect((await stat(join(t.home, "secrets.json"))).mode & 0o777).toBe(0o600);
    // The page sends the masked document back after editing something else.
    const again = (await (await json("PUT", "/api/environments", put)).json()) as EnvironmentsDoc;
    expect(again).toEqual(put);
    expect(await readFile(join(t.home, "secrets.json"), "utf8")).toContain(SECRET);
  });

  it("sends the secret to the chosen URL but shows {{name}} everywhere the page looks", async () => {
    seen.length = 0;
    const messages = await run({
      request: {
        method: "POST",
        url: "{{base_url}}/v1/chat?key={{api_key}}",
        headers: [["Authorization", "Bearer {{api_key}}"]],
        body: '{"k":"{{api_key}}"}',
      },
    });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen[0]?.url).toBe(`/v1/chat?key=${SECRET}`);
    const start = messages[0] as Extract<RunMessage, { type: "start" }>;
    expect(start.request.url).toBe(`${echoUrl}/v1/chat?key={{api_key}}`);
    expect(start.request.headers).toEqual([["Authorization", "Bearer {{api_key}}"]]);
    expect(JSON.stringify(messages)).not.toContain(SECRET);
    const wire = await (await t.request(`/api/runs/${start.id}`)).text();
    expect(wire).not.toContain(SECRET);
    expect(await (await t.request("/api/runs")).text()).not.toContain(SECRET);
  });

  it("a literal key typed into a header is redacted in what the page sees", async () => {
    const messages = await run({
      request: { method: "GET", url: echoUrl, headers: [["x-api-key", SECRET]], body: null },
    });
    expect(seen.at(-1)?.headers["x-api-key"]).toBe(SECRET);
    expect(JSON.stringify(messages)).not.toContain(SECRET);
  });

  it("an undefined variable in the URL or a header is refused before sending", async () => {
    const res = await json("POST", "/api/runs", {
      request: {
        method: "GET",
        url: `${echoUrl}/`,
        headers: [["Authorization", "Bearer {{nope}}"]],
        body: null,
      },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("{{nope}}");
  });

  it("credential-like process variables resolve as secrets; other process variables do not", async () => {
    seen.length = 0;
    const messages = await run({
      request: {
        method: "GET",
        url: `${echoUrl}/`,
        headers: [["x-api-key", "{{FROM_PROCESS_API_KEY}}"]],
        body: null,
      },
    });
    expect(seen[0]?.headers["x-api-key"]).toBe("process-secret-value-42");
    expect(JSON.stringify(messages)).not.toContain("process-secret-value-42");
    const path = await json("POST", "/api/runs", {
      request: { method: "GET", url: `${echoUrl}/{{PATH}}`, headers: [], body: null },
    });
    expect(path.status).toBe(400);
  });

  it("an environment that does not exist is refused", async () => {
    const res = await json("POST", "/api/runs", { request: chatRequest(), environment: "prod" });
    expect(res.status).toBe(400);
  });
});

describe("collections", () => {
  const LITERAL = "sk-live-literal-key-abcdefghijklmnop";
  const doc: CollectionsDoc = {
    collections: [
      {
        id: "c1",
        name: "Mine",
        requests: [
          {
            id: "r-1",
            name: "With a pasted key",
            request: {
              method: "GET",
              url: "",
              headers: [["Authorization", `Bearer ${LITERAL}`]],
              body: null,
            },
            format: "openai-chat",
            rule: { kind: "jsonpath", rule: { content: "$.choices[0].delta.content" } },
          },
        ],
      },
    ],
  };

  it("moves a pasted key to the secrets file and answers a {{name}} reference", async () => {
    doc.collections[0]!.requests[0]!.request.url = `${echoUrl}/x?key=AIzaLiteralGoogleKey12345`;
    const stored = (await (await json("PUT", "/api/collections", doc)).json()) as CollectionsDoc;
    const saved = stored.collections[0]!.requests[0]!;
    expect(saved.request.headers[0]?.[1]).toMatch(/^Bearer \{\{authorization_r_1\}\}$/);
    expect(saved.request.url).toBe(`${echoUrl}/x?key={{key_param_r_1}}`);
    const file = await readFile(join(t.home, "collections.json"), "utf8");
    expect(file).not.toContain(LITERAL);
    expect(file).not.toContain("AIzaLiteralGoogleKey12345");
    expect(await (await t.request("/api/collections")).json()).toEqual(stored);
  });

  it("a run of the saved request resolves the moved key and carries its rule and format", async () => {
    seen.length = 0;
    const { collections } = (await (await t.request("/api/collections")).json()) as CollectionsDoc;
    const saved = collections[0]!.requests[0]!;
    const messages = await run({ request: saved.request, savedId: saved.id });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${LITERAL}`);
    expect(seen[0]?.url).toBe("/x?key=AIzaLiteralGoogleKey12345");
    expect(messages[0]).toMatchObject({
      type: "start",
      savedId: "r-1",
      options: { format: "openai-chat", rule: { kind: "jsonpath" } },
    });
    const list = (await (await t.request("/api/runs")).json()) as RunSummary[];
    expect(list.at(-1)?.savedId).toBe("r-1");
  });

  it("refuses a malformed document with the path of the fault, and leaves the file as it was", async () => {
    const before = await readFile(join(t.home, "collections.json"), "utf8");
    const res = await json("PUT", "/api/collections", {
      collections: [
        {
          id: "c",
          name: "x",
          requests: [
            { id: "a", name: "b", request: { method: "GET", url: "", headers: [["x"]], body: null } },
          ],
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("collections[0].requests[0].request.headers[0]");
    expect(await readFile(join(t.home, "collections.json"), "utf8")).toBe(before);
  });

  it("refuses an unknown format name", async () => {
    const bad = structuredClone(doc);
    (bad.collections[0]!.requests[0] as { format: string }).format = "nope";
    expect((await json("PUT", "/api/collections", bad)).status).toBe(400);
  });
});
