/** An in-memory CliIo for running CLI commands in-process in tests. */
import type { CliIo } from "../../src/cli/io.js";

export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
  /** Simulate Ctrl-C. */
  interrupt(): void;
}

export function memoryIo(
  opts: { tty?: boolean; env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  const interrupts = new Set<() => void>();
  const decoder = new TextDecoder();
  const text = (chunk: string | Uint8Array) => (typeof chunk === "string" ? chunk : decoder.decode(chunk));
  const stdinText = opts.stdin ?? "";
  return {
    stdout: { write: (c) => void out.push(text(c)), isTTY: opts.tty ?? false },
    stderr: { write: (c) => void err.push(text(c)), isTTY: false },
    stdin: (async function* () {
      if (stdinText !== "") yield new TextEncoder().encode(stdinText);
    })(),
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    onInterrupt(handler) {
      interrupts.add(handler);
      return () => interrupts.delete(handler);
    },
    onStdoutClosed: () => () => {},
    out: () => out.join(""),
    err: () => err.join(""),
    interrupt: () => {
      for (const h of [...interrupts]) h();
    },
  };
}
