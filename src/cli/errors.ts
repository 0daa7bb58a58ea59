/** The CLI's error types: each becomes one line on stderr and an exit status, never a stack trace. */

/** The command line itself is wrong (unknown option, bad URL, malformed header): exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** An input the user named cannot be used (unreadable file, bad certificate file). */
export class InputError extends Error {
  override readonly name = "InputError";
}

export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError;
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
