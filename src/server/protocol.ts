/**
 * The protocol between the local server (`sselens ui`) and the page.
 *
 * Types only, browser-safe: `web/api` imports this file, and the server routes
 * (`app.ts`) are typed by it, so both sides change together.
 *
 * Routes (every one requires the session cookie, see `security.ts`):
 *
 * | Method | Path                    | Body            | Answer                                   |
 * |--------|-------------------------|-----------------|------------------------------------------|
 * | GET    | `/?token=…`             |                 | 303 to `/`, sets the session cookie      |
 * | POST   | `/api/runs`             | `RunRequest`    | 200 `application/x-ndjson`: `RunMessage` per line |
 * | POST   | `/api/runs/:id/cancel`  | `{}`            | 200 `{ok: true}` (404 unknown run)       |
 * | GET    | `/api/runs`             |                 | `RunSummary[]` (oldest first)            |
 * | GET    | `/api/runs/:id`         |                 | `WireCapture` (409 while still running)  |
 * | GET    | `/api/collections`      |                 | `CollectionsDoc`                         |
 * | PUT    | `/api/collections`      | `CollectionsDoc`| the stored `CollectionsDoc`              |
 * | GET    | `/api/environments`     |                 | `EnvironmentsDoc` (secrets masked)       |
 * | PUT    | `/api/environments`     | `EnvironmentsDoc` | the stored doc, secrets masked         |
 * | GET    | `/api/templates`        |                 | `Template[]`                             |
 * | GET    | `/api/info`             |                 | `AppInfo`                                |
 *
 * Errors answer `ApiErrorBody` with a 4xx/5xx status.
 */

import type { SerializedCapture } from "../core/capture/serialize.js";
import type {
  CaptureEnd,
  CaptureRequest,
  CaptureResponse,
  EndReason,
  Header,
} from "../core/capture/types.js";
import type { FormatName } from "../core/formats/types.js";

/** A request as the user edits it: `{{name}}` placeholders not yet substituted. */
export interface RequestDraft {
  method: string;
  url: string;
  headers: Header[];
  body: string | null;
  /**
   * Seconds the whole exchange may take (like curl's `--max-time`): past it the run ends
   * with reason `timeout`, keeping everything received. It is then the only limit; absent,
   * there is no overall limit but the server gives up after 300 s without headers or
   * without data. Above 0, at most `MAX_TIMEOUT_SECONDS`. Saved with the request.
   */
  timeout?: number;
}

/** The largest `RequestDraft.timeout` accepted (one day). */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** Body of `POST /api/runs`. */
export interface RunRequest {
  request: RequestDraft;
  /** Environment whose variables fill `{{name}}`; defaults to the active one. */
  environment?: string;
  /** The saved request this run comes from: its rule and format override ride along in `start`. */
  savedId?: string;
}

/** How the page should merge a run: what the saved request carries. */
export interface MergeOptions {
  /** Overrides detection. */
  format?: FormatName;
  rule?: SavedRule;
}

/**
 * One line of the `POST /api/runs` answer. Sent as it happens, one JSON object
 * per line, in this order: `start`, then `response` (absent when no response
 * came), `chunk`* (each network read, never batched), and always `end` last.
 */
export type RunMessage =
  | {
      type: "start";
      id: string;
      /** Wall clock, ISO 8601. */
      startedAt: string;
      /** The request as sent, variables substituted; secret values shown as `{{name}}`. */
      request: CaptureRequest;
      savedId?: string;
      options?: MergeOptions;
    }
  | { type: "response"; response: CaptureResponse }
  /** A decoded body chunk; `data` is base64, `t` ms since the request started. */
  | { type: "chunk"; t: number | null; data: string }
  | { type: "end"; end: CaptureEnd };

export type RunMessageType = RunMessage["type"];

/** A row of `GET /api/runs`. */
export interface RunSummary {
  id: string;
  startedAt: string;
  method: string;
  /** The URL as sent, secrets redacted. */
  url: string;
  /** Null until response headers arrive, and when none came. */
  status: number | null;
  /** Null while the run is in flight. */
  end: EndReason | null;
  savedId?: string;
}

/**
 * `GET /api/runs/:id`: the capture in the core's saved form (`SerializedCapture`
 * from `src/core/capture/serialize.ts`: chunks as `{t, b64}`), plus how its
 * saved request asks to merge it. `deserializeCapture` reads it.
 */
export interface WireCapture extends SerializedCapture {
  savedId?: string;
  options?: MergeOptions;
}

// ---- collections ----------------------------------------------------------

/**
 * A custom merge rule saved with a request (issue #5): a JSONPath rule in the
 * schema of `--rules FILE`, or a sandboxed script's source.
 */
export type SavedRule =
  | { kind: "jsonpath"; rule: Record<string, unknown> }
  | { kind: "script"; source: string };

export interface SavedRequest {
  /** Stable id chosen by the page (e.g. `crypto.randomUUID()`); unique across collections. */
  id: string;
  name: string;
  request: RequestDraft;
  /** Environment to run it with, when not the active one. */
  environment?: string;
  /** Format override applied to its runs. */
  format?: FormatName;
  rule?: SavedRule;
}

export interface Collection {
  id: string;
  name: string;
  requests: SavedRequest[];
}

/**
 * `GET/PUT /api/collections`. PUT replaces the whole document. A literal
 * credential in a sensitive header or URL parameter is moved into the secrets
 * file on save and replaced by a `{{name}}` reference (the answer shows it).
 */
export interface CollectionsDoc {
  collections: Collection[];
}

// ---- environments ---------------------------------------------------------

/** What a secret's value reads as: the page never sees the value itself. */
export const SECRET_MASK = "••••";

export interface Variable {
  name: string;
  /**
   * For a secret, `SECRET_MASK` when read back. On PUT, send `SECRET_MASK` to
   * keep the stored value, or a new value to replace it.
   */
  value: string;
  secret: boolean;
  /**
   * On PUT, for a secret sent as `SECRET_MASK` whose name was edited: the name it is stored
   * under, so its value follows the rename.
   */
  renamedFrom?: string;
}

export interface Environment {
  name: string;
  variables: Variable[];
  /** On PUT, for a renamed environment: the name it is stored under, so its secrets follow it. */
  renamedFrom?: string;
}

/**
 * `GET/PUT /api/environments`. Names in `{{name}}` resolve in the run's
 * environment first; a name not defined there falls back to the server's
 * process environment only when it looks like a credential variable
 * (`OPENAI_API_KEY`, `*_TOKEN`, `*_KEY`), and counts as a secret.
 */
export interface EnvironmentsDoc {
  /** Name of the environment used when a run names none. */
  active: string | null;
  environments: Environment[];
}

// ---- templates and info ---------------------------------------------------

export interface Template {
  /** e.g. `openai-chat`, `anthropic`, `groq`. */
  id: string;
  /** Human name: "OpenAI Chat", "Anthropic", ... */
  name: string;
  /** The format its stream has (for the format selector's default). */
  format: FormatName;
  /** Against the real provider, with `{{base_url}}`-free URL and a `{{name}}` for the key. */
  request: RequestDraft;
  /** Variable names the real request needs (e.g. `OPENAI_API_KEY`). */
  variables: string[];
  /** The same request against the built-in mock provider; no key needed. */
  mock: RequestDraft;
}

/** A ready-made request against the built-in mock, for the sidebar. */
export interface Example {
  id: string;
  name: string;
  description: string;
  request: RequestDraft;
}

/** `GET /api/info`. */
export interface AppInfo {
  version: string;
  /** Base URL of the in-process mock provider, e.g. `http://127.0.0.1:41234`. */
  mockUrl: string | null;
  /** Where saved requests and environments live (for display). */
  home: string;
  examples: Example[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
