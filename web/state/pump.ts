/**
 * Process a queue in slices of a few milliseconds, one slice per task. A network read can
 * carry thousands of events; slicing keeps every main-thread task short, so typing and
 * scrolling stay responsive while a big stream pours in.
 */

/** Run `fn` in a new task, without setTimeout's clamping. */
const channel = typeof MessageChannel === "function" ? new MessageChannel() : null;
const tasks: (() => void)[] = [];
if (channel) channel.port1.onmessage = () => tasks.shift()?.();

export function nextTask(fn: () => void): void {
  if (!channel) {
    setTimeout(fn, 0);
    return;
  }
  tasks.push(fn);
  channel.port2.postMessage(null);
}

/** A queue drained by `handle`, at most `sliceMs` per task, in arrival order. */
export function slicedQueue<T>(handle: (item: T) => void, sliceMs = 10): (item: T) => void {
  const queue: T[] = [];
  let head = 0;
  let pumping = false;
  const pump = (): void => {
    const deadline = performance.now() + sliceMs;
    while (head < queue.length) {
      handle(queue[head++]!);
      if (performance.now() >= deadline) break;
    }
    if (head < queue.length) {
      nextTask(pump);
      return;
    }
    queue.length = 0;
    head = 0;
    pumping = false;
  };
  return (item) => {
    queue.push(item);
    if (!pumping) {
      pumping = true;
      nextTask(pump);
    }
  };
}
