/**
 * The routes of `sselens ui`, over web-standard Request/Response (Hono): every
 * route is testable with `app.request()` and no socket. `serve.ts` binds it to
 * 127.0.0.1. The route table and message shapes are documented in `protocol.ts`.
 */
import { Hono } from "hono";
import { HttpError, isHttpError } from "./errors.js";
import type { ApiErrorBody, AppInfo, MergeOptions, RunSummary } from "./protocol.js";
import type { Runs } from "./runs.js";
import { guard, securityHeaders } from "./security.js";
import { serveStatic } from "./static.js";
import type { Store } from "./store/store.js";
import { examples, templates } from "./templates.js";
import * as validate from "./validate.js";
import { renderDraft } from "./variables.js";

export interface AppDeps {
  /** The per-launch secret (≥128 bits, e.g. 32 hex chars of `randomBytes(16)`). */
  token: string;
  /** The listening port; a function because `--port 0` learns it only after listen. */
  port: () => number;
  store: Store;
  runs: Runs;
  version: string;
  mockUrl: string | null;
  /** Directory of the built page (`dist/web`), or null when it is not built. */
  staticDir: string | null;
}

/** Largest JSON body a route accepts (a saved collection with long bodies fits easily). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_JSON_BYTES) throw new HttpError(413, "too-large", `body over ${MAX_JSON_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES)
    throw new HttpError(413, "too-large", `body over ${MAX_JSON_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, "bad-json", `the body is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Builds the app. The guard (Host, Origin, token cookie, JSON content type)
 * runs before every route, static assets included.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(securityHeaders());
  app.use(guard({ token: deps.token, port: deps.port }));

  app.onError((error, c) => {
    if (isHttpError(error)) {
      return c.json(
        { error: { code: error.code, message: error.message } } satisfies ApiErrorBody,
        error.status,
      );
    }
    // A bug: say so without echoing internals (a message might hold a path or a value).
    console.error("sselens ui: internal error:", error instanceof Error ? error.message : String(error));
    return c.json({ error: { code: "internal", message: "internal error in the sselens server" } }, 500);
  });

  app.post("/api/runs", async (c) => {
    const body = validate.runRequest(await readJson(c.req.raw));
    const saved = body.savedId === undefined ? undefined : await deps.store.findSaved(body.savedId);
    if (body.savedId !== undefined && !saved)
      throw new HttpError(404, "not-found", `no saved request ${body.savedId}`);
    const environment = body.environment ?? saved?.environment;
    if (environment !== undefined) {
      const { environments } = await deps.store.getEnvironments();
      if (!environments.some((e) => e.name === environment)) {
        throw new HttpError(400, "bad-request", `no environment named "${environment}"`);
      }
    }
    const rendered = renderDraft(body.request, await deps.store.lookup(environment));
    const options: MergeOptions = {};
    if (saved?.format !== undefined) options.format = saved.format;
    if (saved?.rule !== undefined) options.rule = saved.rule;
    const meta = {
      ...(body.savedId === undefined ? {} : { savedId: body.savedId }),
      ...(Object.keys(options).length === 0 ? {} : { options }),
      ...(body.request.timeout === undefined
        ? {}
        : { timeoutMs: Math.max(1, Math.round(body.request.timeout * 1000)) }),
    };
    return new Response(deps.runs.start(rendered, meta), {
      headers: { "content-type": "application/x-ndjson; charset=utf-8" },
    });
  });

  app.post("/api/runs/:id/cancel", (c) => {
    const id = c.req.param("id");
    if (!deps.runs.cancel(id)) throw new HttpError(404, "not-found", `no run with id ${id}`);
    return c.json({ ok: true });
  });
  app.get("/api/runs", (c) => c.json(deps.runs.list() satisfies RunSummary[]));
  app.get("/api/runs/:id", (c) => c.json(deps.runs.get(c.req.param("id"))));

  app.get("/api/collections", async (c) => c.json(await deps.store.getCollections()));
  app.put("/api/collections", async (c) =>
    c.json(await deps.store.putCollections(validate.collectionsDoc(await readJson(c.req.raw)))),
  );
  app.get("/api/environments", async (c) => c.json(await deps.store.getEnvironments()));
  app.put("/api/environments", async (c) =>
    c.json(await deps.store.putEnvironments(validate.environmentsDoc(await readJson(c.req.raw)))),
  );

  app.get("/api/templates", (c) => c.json(templates(deps.mockUrl)));
  app.get("/api/info", (c) =>
    c.json({
      version: deps.version,
      mockUrl: deps.mockUrl,
      home: deps.store.home,
      examples: deps.mockUrl ? examples(deps.mockUrl) : [],
    } satisfies AppInfo),
  );

  app.all("/api/*", (c) =>
    c.json({ error: { code: "not-found", message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  // Browsers ask for it on their own; an empty answer keeps the console free of 404s.
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("*", async (c) => (await serveStatic(deps.staticDir, c.req.path)) ?? c.text("not found", 404));
  return app;
}
