/**
 * Where a script problem happened and how it is said: the sentences users see
 * for limits and errors, and the classification of a value the script threw.
 */
import type { ScriptLimitName, ScriptLimits, ScriptProblem } from "./script-protocol.js";

/** Loading (parsing and top-level code) may take this many times the per-call deadline. */
export const LOAD_FACTOR = 10;

export type Where = { event: number } | "load" | "end";

export function whereText(where: Where): string {
  if (where === "load") return "while loading the script";
  if (where === "end") return "in onEnd";
  return `at event ${where.event}`;
}

export function whereEvent(where: Where): { event?: number } {
  return typeof where === "object" ? { event: where.event } : {};
}

export function limitMessage(limit: ScriptLimitName, limits: ScriptLimits, where: Where): string {
  const at = whereText(where);
  switch (limit) {
    case "time":
      return where === "load"
        ? `script stopped: exceeded the ${limits.perCallMs * LOAD_FACTOR} ms time limit ${at}`
        : `script stopped: exceeded the ${limits.perCallMs} ms per-event time limit ${at}`;
    case "budget":
      return `script stopped: exceeded the ${limits.totalMs} ms total time budget ${at}`;
    case "memory":
      return `script stopped: exceeded the ${Math.round(limits.memoryBytes / 1048576)} MB memory limit ${at}`;
    case "stack":
      return `script stopped: exceeded the ${Math.round(limits.stackBytes / 1024)} KB stack limit ${at} (recursion too deep)`;
    case "output":
      return `script output truncated ${at}: more than ${limits.maxOutputChars} characters`;
    case "unresponsive":
      return `script stopped: the sandbox did not answer ${at} and was terminated`;
    case "crash":
      return `script stopped: the sandbox failed ${at}`;
  }
}

/**
 * Classify a dumped thrown value: a limit QuickJS signals with an error
 * (`interrupted`, out of memory, stack overflow), or an error problem with the
 * script's line and column.
 */
export function describeThrown(
  dumped: unknown,
  where: Where,
  file: string,
): "interrupted" | "memory" | "stack" | ScriptProblem {
  const err = typeof dumped === "object" && dumped !== null ? (dumped as Record<string, unknown>) : null;
  const name = typeof err?.name === "string" ? err.name : "";
  const message = typeof err?.message === "string" ? err.message : "";
  if (message === "interrupted") return "interrupted";
  if (message === "out of memory") return "memory";
  if (message === "stack overflow" || /maximum call stack/i.test(message)) return "stack";
  const stack = typeof err?.stack === "string" ? err.stack : "";
  const pos = new RegExp(`${file.replace(".", "\\.")}:(\\d+):(\\d+)`).exec(stack);
  const line = pos ? Number(pos[1]) : typeof err?.lineNumber === "number" ? err.lineNumber : undefined;
  const column = pos ? Number(pos[2]) : undefined;
  const what = err ? `${name || "Error"}: ${message}` : `threw ${JSON.stringify(dumped)?.slice(0, 200)}`;
  const at = line !== undefined ? ` (line ${line}${column !== undefined ? `, column ${column}` : ""})` : "";
  return {
    kind: where === "load" && name === "SyntaxError" ? "syntax" : "error",
    message: `${what}${at} ${whereText(where)}`,
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
    ...whereEvent(where),
  };
}
