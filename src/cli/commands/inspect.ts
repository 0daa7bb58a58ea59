/** `sselens inspect FILE`: the same views over a saved body (SSE, NDJSON or a JSON array), untimed. */
import { open } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { CaptureEnd } from "../../core/capture/types.js";
import { defineCommand, HELP_OPTION } from "../command.js";
import { InputError, UsageError } from "../errors.js";
import { EXIT, exitStatus, INSPECT_EXIT_HELP } from "../exit.js";
import type { OptionTable } from "../options.js";
import { completeReport } from "../outcome.js";
import { createBodyPrefix } from "../render/body.js";
import { createStyle } from "../render/style.js";
import { describeFsError } from "../request.js";
import { loadScriptTap } from "../script-load.js";
import { createSession } from "../session.js";
import { sessionOptions } from "../session-options.js";
import { createView } from "../view.js";
import { selectedViews, VIEW_OPTIONS } from "../view-options.js";
import { checkedView } from "./shared.js";

export const INSPECT_OPTIONS = {
  "content-type": {
    type: "string",
    value: "TYPE",
    group: "Reading the stream",
    description: "the body's Content-Type, to help detection (e.g. application/x-ndjson)",
  },
  url: {
    type: "string",
    value: "URL",
    group: "Reading the stream",
    description: "the URL the body came from, to help detection (e.g. …/v1/messages)",
  },
  ...VIEW_OPTIONS,
  ...HELP_OPTION,
} as const satisfies OptionTable;

/**
 * Content types implied by common file extensions, used when --content-type is not given.
 * They say how the file is framed, never which provider wrote it: `application/x-ndjson`
 * would mean Ollama to detection, and a saved Cohere v1 stream is NDJSON too, so JSON
 * lines get the neutral `application/jsonl` and the first event's shape decides.
 */
const BY_EXTENSION: Record<string, string> = {
  ".sse": "text/event-stream",
  ".ndjson": "application/jsonl",
  ".jsonl": "application/jsonl",
  ".json": "application/json",
};

/** Reads of a file: large enough to be cheap, small enough to keep memory flat. */
const READ_SIZE = 1 << 16;

export const inspectCommand = defineCommand({
  name: "inspect",
  synopsis: "FILE [options]",
  summary: "show a saved body (SSE, NDJSON or JSON array) with the same views, untimed; - reads stdin",
  description: [
    "The file is streamed through the same engine as a live response, so a large body is never held in memory. Timing metrics and each event's t are null.",
  ],
  options: INSPECT_OPTIONS,
  exitStatuses: INSPECT_EXIT_HELP,
  examples: [
    { comment: "the merged reply and a summary of a saved stream", command: "sselens inspect body.sse" },
    { comment: "every event as NDJSON", command: "sselens inspect body.sse --events" },
    {
      comment: "an Ollama body from stdin, as a JSON report",
      command: "cat chat.ndjson | sselens inspect - --content-type application/x-ndjson --json",
    },
  ],
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError("missing FILE (use - for stdin)");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const view = checkedView(selectedViews(values), values.comments);
    const readOptions = await sessionOptions(values, io.cwd);
    const script = await loadScriptTap(values.script, io, view === "json");
    const contentType = values["content-type"] ?? BY_EXTENSION[extname(file).toLowerCase()];
    const source = file === "-" ? io.stdin : await openFile(file, io.cwd);

    const style = createStyle({ isTTY: io.stdout.isTTY, env: io.env, noColor: values["no-color"] });
    // A custom format (rules) or a script merges the stream, whatever format is detected.
    const custom = typeof readOptions.format === "object" || values.script !== undefined;
    const shown = createView({ view, comments: values.comments, style, custom }, io);
    const session = createSession(
      {
        ...readOptions,
        keepRaw: shown.needsRaw,
        ...(contentType === undefined ? {} : { contentType }),
        ...(values.url === undefined ? {} : { url: values.url }),
      },
      script.wrap(shown.callbacks),
    );
    const body = createBodyPrefix();
    let stopped = false;
    let stopReading: () => void = () => {};
    const stopping = new Promise<void>((resolve) => {
      stopReading = resolve;
    });
    const stop = () => {
      stopped = true;
      stopReading();
    };
    const offInterrupt = io.onInterrupt(stop);
    // The reader went away (`sselens … | head`): stop, and leave quietly.
    let readerGone = false;
    const offClosed = io.onStdoutClosed(() => {
      readerGone = true;
      stop();
    });
    try {
      try {
        for await (const bytes of untilStopped(source, stopping)) {
          // Bytes read after Ctrl-C are not part of what the user saw.
          if (stopped) break;
          shown.chunk(bytes);
          body.add(bytes);
          session.feed(bytes, null);
        }
      } catch (error) {
        throw new InputError(`cannot read ${file}: ${describeFsError(error)}`);
      }
      if (readerGone) return EXIT.ok;
      const end: CaptureEnd = { reason: stopped ? "aborted" : "complete", at: null };
      session.end(end);
      const report = await script.finish(session.report(null));
      const problem = completeReport(report, { status: null, end });
      shown.finish(report, { problem, body, responded: true });
      return exitStatus(report);
    } finally {
      offInterrupt();
      offClosed();
      script.dispose();
    }
  },
});

/**
 * The reads of `source` until `stopping` settles. Ctrl-C must not wait for the next read:
 * on a pipe from a slow or idle producer (`… | sselens inspect -`) that may never come.
 */
async function* untilStopped<T>(source: AsyncIterable<T>, stopping: Promise<void>): AsyncGenerator<T> {
  const reads = source[Symbol.asyncIterator]();
  const stopped = stopping.then(() => null);
  try {
    for (;;) {
      const read = reads.next();
      // A read still pending when Ctrl-C wins the race may fail later: that is no longer news.
      read.catch(() => {});
      const next = await Promise.race([read, stopped]);
      if (next === null || next.done) return;
      yield next.value;
    }
  } finally {
    // Close the source (file or stdin) without waiting: a pending read may never settle.
    reads.return?.()?.catch(() => {});
  }
}

async function openFile(file: string, cwd: string): Promise<AsyncIterable<Uint8Array>> {
  try {
    const handle = await open(resolve(cwd, file), "r");
    return handle.createReadStream({ highWaterMark: READ_SIZE });
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${describeFsError(error)}`);
  }
}
