import type { Capture, CaptureEnd, Chunk } from "../../src/core/capture/types.js";
import { ApiError } from "./errors.js";
import type { ClientMessage, LoadedRun, RunHandle, RunHandlers } from "./types.js";

const EARLY_END: CaptureEnd = {
  reason: "cut",
  at: null,
  error: {
    code: "ui-connection",
    message: "the run's stream from the local server ended before its end message",
  },
};

/** Feeds messages to the handle; resolves when the source is exhausted. */
export type MessageSource = (emit: (message: ClientMessage) => void) => Promise<void>;

/**
 * Builds a RunHandle over a message source, shared by the live and the recorded
 * client so both behave the same: it assembles the capture, queues messages for
 * an iterator (or hands them to `onMessage`), and turns an abort into a cancel.
 */
export function createRunHandle(
  source: MessageSource,
  cancelRun: (id: string) => Promise<void>,
  handlers: RunHandlers = {},
): RunHandle {
  const queue: ClientMessage[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: unknown = null;
  let resolveId!: (id: string) => void;
  let rejectId!: (error: unknown) => void;
  const id = new Promise<string>((res, rej) => {
    resolveId = res;
    rejectId = rej;
  });
  // A handle that nobody awaits must not raise unhandled rejections.
  id.catch(() => {});

  const run: Partial<LoadedRun> & { chunks: Chunk[]; start?: Extract<ClientMessage, { type: "start" }> } = {
    chunks: [],
  };
  let response: Capture["response"] = null;
  let end: CaptureEnd | null = null;

  const emit = (message: ClientMessage): void => {
    switch (message.type) {
      case "start":
        run.start = message;
        resolveId(message.id);
        break;
      case "response":
        response = message.response;
        break;
      case "chunk":
        run.chunks.push({ t: message.t, bytes: message.bytes });
        break;
      case "end":
        end = message.end;
        break;
      default:
        message satisfies never;
    }
    if (handlers.onMessage) handlers.onMessage(message);
    else queue.push(message);
    wake?.();
  };

  const done = (async (): Promise<LoadedRun> => {
    try {
      await source(emit);
    } catch (error) {
      if (!run.start) throw error;
      // The page lost the local server mid-run: keep what arrived and say where it broke.
      if (!end) {
        const message = error instanceof Error ? error.message : String(error);
        emit({ type: "end", end: { reason: "cut", at: null, error: { code: "ui-connection", message } } });
      }
    }
    const start = run.start;
    if (!start) throw new ApiError(502, "no-start", "the server answered the run without a start message");
    if (!end) emit({ type: "end", end: EARLY_END });
    const capture: Capture = {
      version: 1,
      id: start.id,
      startedAt: start.startedAt,
      request: start.request,
      response,
      chunks: run.chunks,
      end: end ?? EARLY_END,
    };
    const loaded: LoadedRun = { capture };
    if (start.savedId !== undefined) loaded.savedId = start.savedId;
    if (start.options !== undefined) loaded.options = start.options;
    return loaded;
  })();
  done.then(
    () => {
      finished = true;
      wake?.();
    },
    (error: unknown) => {
      failure = error;
      finished = true;
      rejectId(error);
      wake?.();
    },
  );

  const cancel = async (): Promise<void> => {
    if (finished) return;
    await cancelRun(await id);
  };
  const onAbort = () => void cancel().catch(() => {});
  if (handlers.signal?.aborted) onAbort();
  else handlers.signal?.addEventListener("abort", onAbort, { once: true });

  return {
    id,
    done,
    cancel,
    [Symbol.asyncIterator](): AsyncIterator<ClientMessage> {
      if (handlers.onMessage) {
        throw new Error("RunHandle: messages go to onMessage; do not also iterate the handle");
      }
      return {
        async next(): Promise<IteratorResult<ClientMessage>> {
          for (;;) {
            const message = queue.shift();
            if (message) return { value: message, done: false };
            if (finished) {
              if (failure) throw failure;
              return { value: undefined, done: true };
            }
            await new Promise<void>((res) => {
              wake = res;
            });
            wake = null;
          }
        },
      };
    },
  };
}
