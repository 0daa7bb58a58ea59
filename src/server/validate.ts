/**
 * Checks the page's JSON at the boundary. Each refusal names the field's
 * path (`collections[0].requests[2].request.headers[1]`), so a bug in the page
 * is found at once rather than as a corrupt file later.
 */
import type { Header } from "../core/capture/types.js";
import { FORMAT_NAMES, type FormatName } from "../core/formats/types.js";
import { badRequest } from "./errors.js";
import {
  type Collection,
  type CollectionsDoc,
  type Environment,
  type EnvironmentsDoc,
  MAX_TIMEOUT_SECONDS,
  type RequestDraft,
  type RunRequest,
  type SavedRequest,
  type SavedRule,
  type Variable,
} from "./protocol.js";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function object(v: unknown, at: string): Json {
  if (!isObject(v)) throw badRequest(`${at} must be an object`);
  return v;
}
function string(v: unknown, at: string): string {
  if (typeof v !== "string") throw badRequest(`${at} must be a string`);
  return v;
}
function name(v: unknown, at: string): string {
  const s = string(v, at);
  if (s.trim() === "" || s.length > 200)
    throw badRequest(`${at} must be a non-empty name of at most 200 characters`);
  return s;
}
function array(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw badRequest(`${at} must be an array`);
  return v;
}
function optionalString(v: unknown, at: string): string | undefined {
  return v === undefined || v === null ? undefined : string(v, at);
}

const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function requestDraft(v: unknown, at: string): RequestDraft {
  const o = object(v, at);
  const method = string(o["method"], `${at}.method`);
  if (!HTTP_TOKEN.test(method)) throw badRequest(`${at}.method "${method}" is not an HTTP method`);
  const headers = array(o["headers"], `${at}.headers`).map((h, i): Header => {
    const pair = array(h, `${at}.headers[${i}]`);
    if (pair.length !== 2) throw badRequest(`${at}.headers[${i}] must be [name, value]`);
    return [string(pair[0], `${at}.headers[${i}][0]`), string(pair[1], `${at}.headers[${i}][1]`)];
  });
  const body = o["body"] === null || o["body"] === undefined ? null : string(o["body"], `${at}.body`);
  const draft: RequestDraft = { method, url: string(o["url"], `${at}.url`), headers, body };
  const timeout = timeoutSeconds(o["timeout"], `${at}.timeout`);
  if (timeout !== undefined) draft.timeout = timeout;
  return draft;
}

function timeoutSeconds(v: unknown, at: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || v > MAX_TIMEOUT_SECONDS) {
    throw badRequest(
      `${at} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (got ${JSON.stringify(v) ?? String(v)})`,
    );
  }
  return v;
}

function format(v: unknown, at: string): FormatName | undefined {
  if (v === undefined || v === null) return undefined;
  if (!(FORMAT_NAMES as readonly unknown[]).includes(v)) {
    throw badRequest(`${at} must be one of ${FORMAT_NAMES.join(", ")}`);
  }
  return v as FormatName;
}

function rule(v: unknown, at: string): SavedRule | undefined {
  if (v === undefined || v === null) return undefined;
  const o = object(v, at);
  if (o["kind"] === "jsonpath") return { kind: "jsonpath", rule: object(o["rule"], `${at}.rule`) };
  if (o["kind"] === "script") return { kind: "script", source: string(o["source"], `${at}.source`) };
  throw badRequest(`${at}.kind must be "jsonpath" or "script"`);
}

function savedRequest(v: unknown, at: string): SavedRequest {
  const o = object(v, at);
  const saved: SavedRequest = {
    id: name(o["id"], `${at}.id`),
    name: name(o["name"], `${at}.name`),
    request: requestDraft(o["request"], `${at}.request`),
  };
  const environment = optionalString(o["environment"], `${at}.environment`);
  if (environment !== undefined) saved.environment = environment;
  const f = format(o["format"], `${at}.format`);
  if (f !== undefined) saved.format = f;
  const r = rule(o["rule"], `${at}.rule`);
  if (r !== undefined) saved.rule = r;
  return saved;
}

export function collectionsDoc(v: unknown): CollectionsDoc {
  const o = object(v, "body");
  const ids = new Set<string>();
  const collections = array(o["collections"], "collections").map((c, i): Collection => {
    const co = object(c, `collections[${i}]`);
    const requests = array(co["requests"], `collections[${i}].requests`).map((r, j) => {
      const saved = savedRequest(r, `collections[${i}].requests[${j}]`);
      if (ids.has(saved.id))
        throw badRequest(`collections[${i}].requests[${j}].id "${saved.id}" is used twice`);
      ids.add(saved.id);
      return saved;
    });
    return {
      id: name(co["id"], `collections[${i}].id`),
      name: name(co["name"], `collections[${i}].name`),
      requests,
    };
  });
  return { collections };
}

const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;

export function environmentsDoc(v: unknown): EnvironmentsDoc {
  const o = object(v, "body");
  const names = new Set<string>();
  const environments = array(o["environments"], "environments").map((e, i): Environment => {
    const eo = object(e, `environments[${i}]`);
    const envName = name(eo["name"], `environments[${i}].name`);
    if (names.has(envName)) throw badRequest(`environments[${i}].name "${envName}" is used twice`);
    names.add(envName);
    const variables = array(eo["variables"], `environments[${i}].variables`).map((x, j): Variable => {
      const at = `environments[${i}].variables[${j}]`;
      const xo = object(x, at);
      const varName = string(xo["name"], `${at}.name`);
      if (!VARIABLE_NAME.test(varName)) throw badRequest(`${at}.name "${varName}" is not a variable name`);
      const variable: Variable = {
        name: varName,
        value: string(xo["value"], `${at}.value`),
        secret: xo["secret"] === true,
      };
      const from = optionalString(xo["renamedFrom"], `${at}.renamedFrom`);
      if (from !== undefined) variable.renamedFrom = from;
      return variable;
    });
    const env: Environment = { name: envName, variables };
    const from = optionalString(eo["renamedFrom"], `environments[${i}].renamedFrom`);
    if (from !== undefined) env.renamedFrom = from;
    return env;
  });
  const active = optionalString(o["active"], "active") ?? null;
  if (active !== null && !names.has(active)) throw badRequest(`active "${active}" names no environment`);
  return { active, environments };
}

export function runRequest(v: unknown): RunRequest {
  const o = object(v, "body");
  const run: RunRequest = { request: requestDraft(o["request"], "request") };
  const environment = optionalString(o["environment"], "environment");
  if (environment !== undefined) run.environment = environment;
  const savedId = optionalString(o["savedId"], "savedId");
  if (savedId !== undefined) run.savedId = savedId;
  return run;
}
