/**
 * The script sandbox's protocol: what goes into a script, what comes out, and the
 * messages between a host (Node or the page) and its sandbox worker. Types only,
 * shared by `src/node/sandbox` and `web/sandbox`. See docs/rules.md ("Scripts").
 */

/** Limits of one script run. Every field is optional where limits are accepted. */
export interface ScriptLimits {
  /** Time one `onEvent`/`onEnd` call may take, in ms (default 100). */
  perCallMs: number;
  /** Time all calls together may take, in ms (default 5,000). */
  totalMs: number;
  /** QuickJS heap limit in bytes (default 64 MiB); the WebAssembly memory is capped 32 MiB above it. */
  memoryBytes: number;
  /** QuickJS stack limit in bytes (default 256 KiB). */
  stackBytes: number;
  /** Characters one call may return (content + reasoning); more is truncated (default 1,000,000). */
  maxOutputChars: number;
  /** `console.*` lines kept per call (default 100); each line is cut at 2,000 characters. */
  maxLogLines: number;
}

/** An event as a script receives it; the sandbox adds `json` (the parsed data, or undefined). */
export interface ScriptEventInput {
  type: string;
  data: string;
  id: string;
  index: number;
  /** Arrival time in ms since the request started; null for untimed captures. */
  t: number | null;
}

/** Text a call produced. A plain string return is `{content: text, reasoning: null}`. */
export interface ScriptOutput {
  content: string | null;
  reasoning: string | null;
}

export interface ScriptLog {
  level: "log" | "info" | "warn" | "error" | "debug";
  text: string;
}

/**
 * The limit a script hit. `unresponsive`: the sandbox did not answer in time and the host
 * terminated it; `crash`: the engine itself failed (e.g. the WebAssembly stack overflowed).
 */
export type ScriptLimitName = "time" | "budget" | "memory" | "stack" | "output" | "unresponsive" | "crash";

/** Something went wrong in a call. Never thrown: reported with the event it concerns. */
export interface ScriptProblem {
  /**
   * `syntax`: the script does not parse; `setup`: it loaded but cannot run (no `onEvent`, the sandbox
   * did not start); `error`: it threw; `return-type`: it returned something else; `limit`: a limit was hit.
   */
  kind: "syntax" | "setup" | "error" | "return-type" | "limit";
  /** Complete sentence for the user, e.g. "script stopped: exceeded the 100 ms per-event time limit at event 12". */
  message: string;
  /** Position in the script (1-based), when known. */
  line?: number;
  column?: number;
  limit?: ScriptLimitName;
  /** Event index, or undefined for loading and `onEnd`. */
  event?: number;
}

/** Loading the script. `ok: false` means no event will be processed. */
export interface ScriptReady {
  ok: boolean;
  hasOnEnd: boolean;
  logs: ScriptLog[];
  problem: ScriptProblem | null;
}

/** The result of `onEvent` for one event. */
export interface ScriptStep {
  event: number;
  /** Null when the script skipped the event (returned null), failed, or is stopped. */
  output: ScriptOutput | null;
  logs: ScriptLog[];
  problem: ScriptProblem | null;
  /** The script is stopped (a limit was hit, or it never loaded): later events get no output. */
  stopped: boolean;
}

/** The result of `onEnd`. `output` replaces the merged reply when not null. */
export interface ScriptEnd {
  output: ScriptOutput | null;
  logs: ScriptLog[];
  problem: ScriptProblem | null;
  stopped: boolean;
}

/** Host → sandbox worker. `id` correlates the answer. */
export type SandboxRequest =
  | { id: number; op: "init"; source: string; limits: ScriptLimits }
  | { id: number; op: "event"; event: ScriptEventInput }
  | { id: number; op: "end" };

/** Sandbox worker → host. */
export type SandboxResponse =
  | { id: number; op: "init"; result: ScriptReady }
  | { id: number; op: "event"; result: ScriptStep }
  | { id: number; op: "end"; result: ScriptEnd };

/** A running script, the same on the Node side and in the page. Calls are answered in order. */
export interface ScriptRunner {
  /** Resolves once the script is loaded (syntax errors are reported here). */
  readonly ready: Promise<ScriptReady>;
  onEvent(event: ScriptEventInput): Promise<ScriptStep>;
  end(): Promise<ScriptEnd>;
  /** Stop the sandbox worker; pending calls resolve as stopped. */
  dispose(): void;
}
