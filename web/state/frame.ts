/**
 * Coalesce many updates into one per animation frame. A stream can deliver thousands of
 * events per second; the page re-renders at most once a frame. A timer backs the frame up,
 * because hidden tabs get no animation frames and the run must still finish rendering.
 */
export function frameBatcher(flush: () => void, fallbackMs = 100): () => void {
  let pending = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (!pending) return;
    pending = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    flush();
  };
  return () => {
    if (pending) return;
    pending = true;
    raf = requestAnimationFrame(run);
    timer = setTimeout(run, fallbackMs);
  };
}
