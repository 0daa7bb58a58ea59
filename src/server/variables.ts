/**
 * `{{name}}` substitution. A request is rendered twice: once with the real
 * values (what goes on the wire), once with secret values left as `{{name}}`
 * (what the page, the run list and the captures show), so a secret never
 * leaves the server process except towards the URL the user chose.
 */
import { REDACTED, redactHeaderValue, redactUrl } from "../core/capture/redact.js";
import { badRequest } from "./errors.js";
import type { RequestDraft } from "./protocol.js";

export interface VariableValue {
  value: string;
  secret: boolean;
}

/** Finds a variable by name; undefined when it is not defined anywhere. */
export type Lookup = (name: string) => VariableValue | undefined;

export interface Rendered {
  /** What is sent. */
  sent: RequestDraft;
  /** What is shown: secrets as `{{name}}`, literal credentials redacted. */
  shown: RequestDraft;
  /** Secret values substituted (to scrub from error messages). */
  secrets: Map<string, string>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/**
 * Renders a draft. An undefined variable in the URL or a header is refused
 * (sending `Bearer {{api_key}}` to a provider only earns a confusing 401); in
 * the body it is left as written, since prompts may legitimately contain `{{…}}`.
 */
export function renderDraft(draft: RequestDraft, lookup: Lookup): Rendered {
  const secrets = new Map<string, string>();
  const missing = new Set<string>();
  const render = (text: string, strict: boolean): { sent: string; shown: string } => {
    const sent = text.replace(PLACEHOLDER, (whole, name: string) => {
      const found = lookup(name);
      if (!found) {
        if (strict) missing.add(name);
        return whole;
      }
      if (found.secret) {
        secrets.set(name, found.value);
      }
      return found.value;
    });
    const shown = text.replace(PLACEHOLDER, (whole, name: string) => {
      const found = lookup(name);
      return !found || found.secret ? whole : found.value;
    });
    return { sent, shown };
  };

  const url = render(draft.url, true);
  const headers = draft.headers.map(([name, value]) => {
    return { name: render(name, true), value: render(value, true) };
  });
  const body = draft.body === null ? null : render(draft.body, false);
  if (missing.size > 0) {
    const names = [...missing].map((n) => `{{${n}}}`).join(", ");
    throw badRequest(
      `undefined variable${missing.size > 1 ? "s" : ""} ${names}: define them in the environment`,
    );
  }
  return {
    sent: {
      method: draft.method,
      url: url.sent,
      headers: headers.map((h) => [h.name.sent, h.value.sent]),
      body: body?.sent ?? null,
    },
    shown: {
      method: draft.method,
      url: redactShownUrl(url.shown),
      headers: headers.map((h) => [h.name.shown, redactLiteral(h.name.shown, h.value.shown)]),
      body: body?.shown ?? null,
    },
    secrets,
  };
}

/** A literal credential typed into a header is redacted; a `{{name}}` reference is already safe to show. */
function redactLiteral(name: string, value: string): string {
  if (/\{\{[^}]*\}\}/.test(value) || value.includes(REDACTED)) return value;
  return redactHeaderValue(name, value);
}

/** Like `redactUrl`, but a parameter whose value is a `{{name}}` reference is already safe and stays readable. */
function redactShownUrl(url: string): string {
  const q = url.search(/[?#]/);
  if (q === -1) return redactUrl(url);
  const head = redactUrl(url.slice(0, q));
  const tail = url
    .slice(q)
    .replace(/([?&;])([^=&#;]+=[^&#;]*)/g, (m, sep: string, pair: string) =>
      /\{\{[^}]*\}\}/.test(pair) ? m : `${sep}${redactUrl(`?${pair}`).slice(1)}`,
    );
  return head + tail;
}

/** Replaces every secret value in `text` by its `{{name}}` (for error messages and URLs echoed back). */
export function scrubSecrets(text: string, secrets: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [name, value] of secrets) {
    if (value.length >= 4) out = out.split(value).join(`{{${name}}}`);
  }
  return out;
}
