/** The sandbox's default limits and how partial limits are completed. */
import type { ScriptLimits } from "./script-protocol.js";

const MiB = 1024 * 1024;

export const DEFAULT_SCRIPT_LIMITS: Readonly<ScriptLimits> = {
  perCallMs: 100,
  totalMs: 5_000,
  memoryBytes: 64 * MiB,
  stackBytes: 256 * 1024,
  maxOutputChars: 1_000_000,
  maxLogLines: 100,
};

/**
 * The WebAssembly memory is created with a maximum this far above the QuickJS heap
 * limit (room for the engine's own stack and static data). QuickJS does not count
 * every allocation against its limit (large fast arrays slip through), so this hard
 * cap is what actually bounds a memory bomb.
 */
export const WASM_MEMORY_HEADROOM_BYTES = 32 * MiB;

/** Characters kept of one `console.*` line. */
export const MAX_LOG_CHARS = 2_000;

/** Complete partial limits with the defaults; refuses nonsense (misuse, so it throws). */
export function resolveLimits(partial: Partial<ScriptLimits> = {}): ScriptLimits {
  const limits = { ...DEFAULT_SCRIPT_LIMITS, ...partial };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new RangeError(`script limit ${key} must be a positive number, got ${value}`);
  }
  return limits;
}

/** WebAssembly pages (64 KiB) for the sandbox's memory: the heap limit plus headroom. */
export function wasmMemoryPages(limits: ScriptLimits): number {
  return Math.ceil((limits.memoryBytes + WASM_MEMORY_HEADROOM_BYTES) / 65_536);
}
