/** Turning transport failures into a capture's end: what happened, and where. */
import type { CaptureEnd, EndReason } from "../../core/capture/types.js";

/** Hints for failures whose fix is a flag away. */
const TLS_HINT = "use --cacert FILE to trust its CA, or -k to skip verification";
const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** The code of an error (undici, Node system error, or its cause), or a fallback. */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.cause?.code === "string") return e.cause.code;
  return "ERR";
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    // undici wraps some socket failures: the cause says what actually happened.
    if (cause instanceof Error && cause.message && !error.message.includes(cause.message)) {
      return `${error.message}: ${cause.message}`;
    }
    return error.message;
  }
  return String(error);
}

/**
 * The end of an exchange that failed with `error`.
 * `responded` tells whether response headers had arrived (a failure then is a cut, not a connection error).
 */
export function failureEnd(error: unknown, where: URL, responded: boolean, at: number): CaptureEnd {
  const code = errorCode(error);
  let message = (!responded && plainConnectMessage(code, where)) || errorMessage(error);
  if (!message.includes(where.hostname)) message += ` (${where.host})`;
  if (TLS_CODES.has(code)) message += `; ${TLS_HINT}`;
  // Before the headers, even a reset is a failed connection; after them, the body was cut short.
  const reason: EndReason = responded ? "cut" : "error";
  return { reason, at, error: { code, message: responded ? `connection cut: ${message}` : message } };
}

/** Plain words for the failures a new user meets first, keeping the system code for searching. */
function plainConnectMessage(code: string, where: URL): string | null {
  const port = where.port || (where.protocol === "https:" ? "443" : "80");
  const hostPort = `${where.hostname}:${port}`;
  switch (code) {
    case "ECONNREFUSED":
      return `cannot connect to ${hostPort}: connection refused, nothing is listening there (ECONNREFUSED)`;
    case "ENOTFOUND":
      return `cannot resolve host ${where.hostname}: no such host (ENOTFOUND)`;
    case "EAI_AGAIN":
      return `cannot resolve host ${where.hostname}: the DNS lookup failed, try again (EAI_AGAIN)`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `cannot reach ${hostPort}: no route to the host (${code})`;
    case "ECONNRESET":
      return `the connection to ${hostPort} was reset before the response headers (ECONNRESET)`;
    default:
      return null;
  }
}

/** Seconds for messages: `30 s`, `0.5 s`. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
