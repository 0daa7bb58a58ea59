/** Exit statuses: one table, used by the commands and printed by `--help`. */
import type { Report } from "../core/pipeline/types.js";

export const EXIT = {
  ok: 0,
  /** Unexpected failure (a bug): reported in one line. */
  failure: 1,
  usage: 2,
  connection: 3,
  http: 4,
  incomplete: 5,
  providerError: 6,
  input: 7,
  interrupted: 130,
} as const;

/** The exit-status lines of `--help`. */
export const EXIT_HELP: ReadonlyArray<[code: number, meaning: string]> = [
  [
    EXIT.ok,
    "the stream completed (transport ended cleanly and the format's end signal arrived), or a whole JSON reply arrived",
  ],
  [EXIT.failure, "unexpected internal error"],
  [EXIT.usage, "bad usage: unknown option, bad URL, malformed header"],
  [EXIT.connection, "no connection: DNS failure, refused, TLS error"],
  [EXIT.http, "HTTP status 400 or above (the provider's error message is printed)"],
  [
    EXIT.incomplete,
    "stream cut, timed out, or ended without its end signal; or the body is neither a stream nor JSON",
  ],
  [EXIT.providerError, "the provider sent an error inside the stream"],
  [EXIT.input, "an input file could not be read"],
  [EXIT.interrupted, "interrupted (Ctrl-C); the partial report is printed"],
];

/** The exit status of a finished stream, from its report. */
export function exitStatus(report: Report): number {
  if (report.end === "aborted") return EXIT.interrupted;
  if (report.end === "error" && report.status === null) return EXIT.connection;
  if (report.status !== null && report.status >= 400) return EXIT.http;
  if (report.errors.some((e) => e.event !== undefined)) return EXIT.providerError;
  // Incomplete includes a body that is neither SSE nor NDJSON (shown raw): not the stream asked for.
  if (!report.complete) return EXIT.incomplete;
  return EXIT.ok;
}

/** `sselens inspect`: a file, so no connection or HTTP statuses. */
export const INSPECT_EXIT_HELP: ReadonlyArray<[code: number, meaning: string]> = [
  [
    EXIT.ok,
    "the body is a complete stream: not cut inside an event, the format's end signal present, no error",
  ],
  [EXIT.failure, "unexpected internal error"],
  [EXIT.usage, "bad usage: unknown option, missing FILE, bad --format"],
  ...EXIT_HELP.filter(([code]) => code >= EXIT.incomplete),
];

/** `sselens mock` and `sselens ui`: servers that run until Ctrl-C. */
export const SERVER_EXIT_HELP: ReadonlyArray<[code: number, meaning: string]> = [
  [EXIT.ok, "stopped with Ctrl-C"],
  [EXIT.failure, "could not start (e.g. the port is in use; try --port 0)"],
  [EXIT.usage, "bad usage: unknown option, bad --port"],
];
