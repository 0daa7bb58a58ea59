/**
 * Query parameters edited as a table, kept in sync with the URL text. Works on the text,
 * not `URL`, so `{{base_url}}/v1?key={{api_key}}` round-trips untouched.
 */
export type Param = [name: string, value: string];

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
};

/** Encode, but leave `{{placeholders}}` readable. */
const encode = (s: string): string =>
  s
    .split(/(\{\{\s*[\w.-]+\s*\}\})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
    .join("");

export function splitUrl(url: string): { base: string; params: Param[]; hash: string } {
  const hashAt = url.indexOf("#");
  const hash = hashAt >= 0 ? url.slice(hashAt) : "";
  const noHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const q = noHash.indexOf("?");
  if (q < 0) return { base: noHash, params: [], hash };
  const params = noHash
    .slice(q + 1)
    .split("&")
    .filter((p) => p !== "")
    .map((p): Param => {
      const eq = p.indexOf("=");
      return eq < 0 ? [decode(p), ""] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
    });
  return { base: noHash.slice(0, q), params, hash };
}

export function joinUrl(base: string, params: readonly Param[], hash = ""): string {
  const kept = params.filter(([k]) => k !== "");
  const qs = kept.map(([k, v]) => (v === "" ? encode(k) : `${encode(k)}=${encode(v)}`)).join("&");
  return `${base}${qs ? `?${qs}` : ""}${hash}`;
}
