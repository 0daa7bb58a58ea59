/**
 * Moving literal credentials out of saved requests. A key pasted into a saved
 * request's `Authorization` header or `?key=` parameter would otherwise sit in
 * clear in collections.json; instead it goes to the secrets file (0600) and the
 * request keeps a `{{name}}` reference, which runs resolve as usual.
 */
import { SECRET_HEADERS, SECRET_QUERY_PARAMS } from "../../core/capture/redact.js";
import type { Collection, SavedRequest } from "../protocol.js";

export interface SecretsFile {
  version: 1;
  /** Secret variables of each environment: environment name → variable name → value. */
  environments: Record<string, Record<string, string>>;
  /** Credentials taken out of saved requests: variable name → value. */
  requests: Record<string, string>;
}

export const emptySecrets = (): SecretsFile => ({ version: 1, environments: {}, requests: {} });

const REFERENCE = /\{\{[^}]*\}\}/;
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** The variable that holds `what` of a saved request, stable across saves. */
const secretName = (saved: SavedRequest, what: string): string =>
  `${slug(what)}_${slug(saved.id).slice(0, 12)}`;

/**
 * Returns the collections with literal credentials replaced by references, and
 * the moved values added to `requests` (a new object; unreferenced old ones dropped).
 */
export function extractSecrets(
  collections: Collection[],
  previous: Readonly<Record<string, string>>,
): { collections: Collection[]; requests: Record<string, string> } {
  const requests: Record<string, string> = {};
  const moved = collections.map((collection) => ({
    ...collection,
    requests: collection.requests.map((saved) => {
      const headers = saved.request.headers.map(([name, value]): [string, string] => {
        if (!SECRET_HEADERS.has(name.toLowerCase()) || value.trim() === "" || REFERENCE.test(value)) {
          return [name, value];
        }
        const variable = secretName(saved, name);
        // Keep the auth scheme readable: `Bearer {{authorization_x}}`.
        const scheme = /^(\s*(?:Bearer|Token|Basic)\s+)(\S.*)$/i.exec(value);
        requests[variable] = scheme ? scheme[2]! : value;
        return [name, scheme ? `${scheme[1]}{{${variable}}}` : `{{${variable}}}`];
      });
      const url = saved.request.url.replace(
        /([?&;])([^=&#;]+)=([^&#;]*)/g,
        (m, sep: string, key: string, value) => {
          if (!SECRET_QUERY_PARAMS.has(key.toLowerCase()) || value === "" || REFERENCE.test(value)) return m;
          const variable = secretName(saved, `${key}_param`);
          requests[variable] = value;
          return `${sep}${key}={{${variable}}}`;
        },
      );
      return { ...saved, request: { ...saved.request, headers, url } };
    }),
  }));
  // Keep earlier moved values that saved requests still reference.
  const text = JSON.stringify(moved);
  for (const [name, value] of Object.entries(previous)) {
    if (!(name in requests) && text.includes(`{{${name}}}`)) requests[name] = value;
  }
  return { collections: moved, requests };
}
