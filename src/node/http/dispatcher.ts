/**
 * The undici dispatcher for one request: proxies from the environment
 * (HTTPS_PROXY / HTTP_PROXY / NO_PROXY) and the TLS options of `-k` and `--cacert`.
 */
import type { Dispatcher } from "undici";

/**
 * undici, loaded on first use: it costs a noticeable share of the CLI's
 * start-up, and `inspect`, `mock` and `--help` never send a request.
 */
export function loadUndici(): Promise<typeof import("undici")> {
  undici ??= import("undici");
  return undici;
}
let undici: Promise<typeof import("undici")> | undefined;

export interface TlsOptions {
  /** Accept any certificate (`-k/--insecure`). */
  insecure?: boolean;
  /** Extra trusted CA certificates, PEM (`--cacert FILE`). */
  ca?: string | Uint8Array;
}

const PROXY_VARS = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"];

/** True when a proxy variable is set, so requests may have to go through a proxy. */
function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARS.some((name) => Boolean(env[name]));
}

/**
 * A fresh dispatcher for one exchange; the caller closes it when the body ends.
 * Without a proxy variable a plain Agent is used: EnvHttpProxyAgent is marked
 * experimental in undici 6 and prints a process warning we do not want on a
 * user's terminal for the common, proxy-less case.
 */
export async function createDispatcher(
  tls: TlsOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Dispatcher> {
  const { Agent, EnvHttpProxyAgent } = await loadUndici();
  const connect: { rejectUnauthorized?: boolean; ca?: string | Buffer } = {};
  if (tls.insecure) connect.rejectUnauthorized = false;
  if (tls.ca !== undefined) connect.ca = typeof tls.ca === "string" ? tls.ca : Buffer.from(tls.ca);
  if (!proxyConfigured(env)) return new Agent({ connect });
  // `requestTls` carries the TLS options through a proxy tunnel (ProxyAgent ignores `connect` there).
  return withoutExperimentalWarning(() => new EnvHttpProxyAgent({ connect, requestTls: connect } as never));
}

/** Run `make` with undici's one-off "EnvHttpProxyAgent is experimental" warning silenced. */
function withoutExperimentalWarning<T>(make: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = (rest[0] as { code?: string } | undefined)?.code;
    if (code === "UNDICI-EHPA") return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = original;
  }
}
