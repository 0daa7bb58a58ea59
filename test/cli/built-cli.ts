/**
 * Running the built CLI (`node dist/cli.js`) as a child process, as a user
 * would. `npm test` builds first; a bare `vitest run` builds once if needed.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const cliPath = resolve(repoRoot, "dist/cli.js");

export function ensureBuilt(): void {
  if (!existsSync(cliPath))
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "inherit" });
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  /** Write `stdin` but keep the pipe open, as a producer that has not finished (startCli only). */
  stdinOpen?: boolean;
  env?: Record<string, string>;
  cwd?: string;
}

/** Environment for the child: no proxies or colours from the developer's shell. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_COLOR", "FORCE_COLOR"]) {
    delete env[name];
  }
  return { ...env, ...extra };
}

/** A running CLI whose output is collected from the start. */
export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout satisfies `predicate`; rejects if the CLI exits first. */
  waitForStdout(predicate: (stdout: string) => boolean): Promise<string>;
  done: Promise<RunResult>;
}

/** Start the CLI; read its output as it comes with `waitForStdout`. */
export function startCli(args: readonly string[], opts: RunOptions = {}): CliProcess {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: childEnv(opts.env),
  });
  if (opts.stdinOpen) child.stdin.write(opts.stdin ?? "");
  else if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
  else child.stdin.end();
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
    for (const w of [...waiters]) w();
  });
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const done = new Promise<RunResult>((resolve) => {
    child.on("close", (code, signal) => {
      for (const w of [...waiters]) w();
      resolve({ code, signal, stdout, stderr });
    });
  });
  let exited = false;
  void done.then(() => {
    exited = true;
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    done,
    waitForStdout(predicate) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(stdout)) {
            waiters.delete(check);
            resolve(stdout);
          } else if (exited || child.exitCode !== null) {
            waiters.delete(check);
            reject(
              new Error(`the CLI exited before the expected output; stdout: ${stdout}; stderr: ${stderr}`),
            );
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Run the CLI to completion. */
export function runCli(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return startCli(args, opts).done;
}
