/**
 * Files in SSELENS_HOME: the directory is owner-only (0700), every file is
 * owner-only (0600), and writes are atomic (a temp file renamed over the old
 * one) so a crash never leaves half a JSON document behind.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** `SSELENS_HOME`, else `~/.sselens`. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return env["SSELENS_HOME"] || join(homedir(), ".sselens");
}

/** Creates the home directory if needed and makes it owner-only (an existing one is tightened). */
export async function ensureHome(home: string): Promise<void> {
  await mkdir(home, { recursive: true, mode: DIR_MODE });
  await chmod(home, DIR_MODE);
}

/** Reads a JSON file; `fallback` when it does not exist. A corrupt file is an error that names it. */
export async function readJsonFile<T>(path: string, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); fix or remove it`);
  }
}

/** Writes JSON atomically with mode 0600: temp file in the same directory, fsync, rename. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", FILE_MODE);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
