/**
 * The CLI's view of the process: output streams, stdin, environment and
 * Ctrl-C. Commands use only this, so they can run in-process in tests.
 */

export interface Output {
  /** Written synchronously where the platform allows (pipes and files on Linux): no batching. */
  write(chunk: string | Uint8Array): void;
  readonly isTTY: boolean;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: AsyncIterable<Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Subscribe to Ctrl-C; returns the unsubscribe function. */
  onInterrupt(handler: () => void): () => void;
  /** stdout went away (EPIPE: `sselens … | head`): stop quietly. */
  onStdoutClosed(handler: () => void): () => void;
}

/** The real process. */
export function processIo(): CliIo {
  const closedHandlers = new Set<() => void>();
  let stdoutClosed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stdoutClosed = true;
    for (const h of closedHandlers) h();
  });
  return {
    stdout: {
      write: (chunk) => {
        if (!stdoutClosed) process.stdout.write(chunk);
      },
      isTTY: process.stdout.isTTY === true,
    },
    stderr: { write: (chunk) => void process.stderr.write(chunk), isTTY: process.stderr.isTTY === true },
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt(handler) {
      process.on("SIGINT", handler);
      return () => process.off("SIGINT", handler);
    },
    onStdoutClosed(handler) {
      closedHandlers.add(handler);
      return () => closedHandlers.delete(handler);
    },
  };
}
