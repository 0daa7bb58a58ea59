/**
 * The paced writer: sends a format's events one write at a time with the
 * knobs' pacing, and injects the stream faults (cut, error event, stall,
 * bunching, comment keep-alives). It owns every `res.write` of a stream, so
 * the network sees exactly the writes a real provider (or proxy) would make.
 */
import type { ServerResponse } from "node:http";
import type { Knobs, Position } from "./knobs.js";
import { createRng, type Rng } from "./random.js";

/**
 * The shortest hold for `bunch`: the metrics call a chunk a burst after 500 ms of silence
 * (BURST_SILENCE_MS), and a hold of exactly 500 arrives a hair early, so the knob's own demo
 * would not show as buffering.
 */
export const BUNCH_MIN_HOLD_MS = 600;

/** A rendered stream: the format's events, lazily, and what a fault looks like in it. */
export interface StreamPlan {
  /** Each item is one whole event (SSE block with its blank line, or one NDJSON line). */
  events: Iterable<string>;
  /** About how many events `events` yields (places `mid` faults). */
  estimate: number;
  /** The provider's mid-stream error, as written after `sent` events. */
  errorEvent(sent: number): string;
  /** An SSE comment line block (`: …\n\n`), or null where comments cannot exist (NDJSON, JSON). */
  comment: string | null;
}

/** Wait `ms`, or less if the client goes away (a long stall must not outlive its socket). */
export function pause(res: ServerResponse, ms: number): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on("close", done);
  });
}

function place(p: Position | null, estimate: number): number {
  if (p === null) return -1;
  return p === "mid" ? Math.max(1, Math.floor(estimate / 2)) : p;
}

/** Resolve when the response can take more bytes, or has closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Write `plan` to `res` (headers must already be set). Resolves when the body
 * ended, was cut, or the client went away; never throws on a closed socket.
 */
export async function writeStream(
  res: ServerResponse,
  plan: StreamPlan,
  knobs: Knobs,
  paceSeed = 1,
): Promise<void> {
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  res.socket?.setNoDelay(true);
  const pace: Rng = createRng(paceSeed);
  const cutAt = place(knobs.cut, plan.estimate);
  const errorAt = place(knobs.error, plan.estimate);
  const faultAt = place(knobs.at, plan.estimate);
  const stallAt = knobs.stall !== null ? faultAt : -1;
  const bunchAt = knobs.bunch ? faultAt : -1;
  const paced = knobs.delay > 0 || knobs.jitter > 0;
  // Unpaced streams are batched into ~16 KiB writes: same bytes, far fewer syscalls.
  let batch = "";
  const flush = async () => {
    if (batch === "" || closed) return;
    const ok = res.write(batch);
    batch = "";
    if (!ok) await drained(res);
  };
  const send = async (text: string) => {
    if (paced) {
      batch = text;
      await flush();
    } else {
      batch += text;
      if (batch.length >= 16_384) await flush();
    }
  };

  const iterator = plan.events[Symbol.iterator]();
  let sent = 0;
  for (;;) {
    if (closed) return;
    if (sent === cutAt) {
      const next = iterator.next();
      await flush();
      if (!next.done) {
        const bytes = Buffer.from(next.value);
        res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
      }
      // Let the partial event reach the client, then break the connection the way a crash would.
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (sent === errorAt) {
      await send(plan.errorEvent(sent));
      await flush();
      res.end();
      return;
    }
    if (sent === stallAt) {
      await flush();
      await pause(res, knobs.stall ?? 0);
    }
    if (sent === bunchAt && knobs.bunch) {
      // A buffering proxy: nothing for the time the events took, then all of them at once.
      let held = "";
      let n = 0;
      for (; n < knobs.bunch; n++) {
        const next = iterator.next();
        if (next.done) break;
        held += next.value;
      }
      await flush();
      await pause(res, Math.max(BUNCH_MIN_HOLD_MS, knobs.bunch * knobs.delay));
      if (closed) return;
      if (held !== "" && !res.write(held)) await drained(res);
      sent += n;
      if (n < knobs.bunch) break;
      continue;
    }
    const next = iterator.next();
    if (next.done) break;
    if (plan.comment !== null && knobs.comments > 0 && sent % knobs.comments === 0) await send(plan.comment);
    if (sent === 0 && knobs.ttft > 0) {
      await flush();
      await pause(res, knobs.ttft);
    } else if (paced && sent > 0) await pause(res, knobs.delay + Math.floor(pace() * (knobs.jitter + 1)));
    if (closed) return;
    await send(next.value);
    sent++;
  }
  await flush();
  if (!closed) res.end();
}
