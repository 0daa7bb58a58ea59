/**
 * Peak resident memory of this process. On Linux, `ru_maxrss` (process.resourceUsage)
 * survives fork+exec, so a child started by a big parent reports the parent's peak;
 * /proc/self/status VmHWM belongs to the new address space and does not.
 */
import { readFileSync } from "node:fs";

export function peakRss() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
