/** `sselens URL`: send a request, curl-style, and show the stream as it arrives. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { headerValue } from "../../core/capture/types.js";
import type { Session } from "../../core/pipeline/types.js";
import { compressedStreamNote, redirectNote, retryAfterNote, send } from "../../node/http/index.js";
import { defineCommand, HELP_OPTION } from "../command.js";
import { InputError, UsageError } from "../errors.js";
import { EXIT, exitStatus } from "../exit.js";
import type { OptionTable } from "../options.js";
import { completeReport } from "../outcome.js";
import { createBodyPrefix } from "../render/body.js";
import { createStyle } from "../render/style.js";
import { describeFsError, prepareRequest } from "../request.js";
import { loadScriptTap } from "../script-load.js";
import { createSession } from "../session.js";
import { sessionOptions } from "../session-options.js";
import { VERSION } from "../version.js";
import { createView } from "../view.js";
import { selectedViews, VIEW_OPTIONS } from "../view-options.js";
import { checkedView } from "./shared.js";

const DEFAULT_HEADERS_TIMEOUT_S = 30;
const DEFAULT_IDLE_TIMEOUT_S = 300;

export const SEND_OPTIONS = {
  request: {
    type: "string",
    short: "X",
    value: "METHOD",
    group: "Request",
    description: "HTTP method (default GET, or POST with -d)",
  },
  header: {
    type: "string",
    short: "H",
    multiple: true,
    value: "'Name: value'",
    group: "Request",
    description: "add a request header (repeatable)",
  },
  data: {
    type: "string",
    short: "d",
    value: "DATA",
    group: "Request",
    description:
      "request body: a string, @FILE, or @- for stdin; implies POST; JSON is sent as application/json",
  },
  timeout: {
    type: "string",
    value: "SECONDS",
    group: "Network",
    description: `give up after SECONDS without response headers or body data (default ${DEFAULT_HEADERS_TIMEOUT_S} for headers, ${DEFAULT_IDLE_TIMEOUT_S} between reads; 0: never)`,
  },
  "max-time": {
    type: "string",
    value: "SECONDS",
    group: "Network",
    description: "give up when the whole exchange takes longer",
  },
  insecure: { type: "boolean", short: "k", group: "Network", description: "accept any TLS certificate" },
  cacert: {
    type: "string",
    value: "FILE",
    group: "Network",
    description: "also trust the CA certificates in FILE (PEM)",
  },
  ...VIEW_OPTIONS,
  ...HELP_OPTION,
} as const satisfies OptionTable;

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer one fires at once. */
const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** `--timeout 2.5` → 2500 ms; 0 means no limit. */
function secondsOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`${flag} ${JSON.stringify(value)}: expected a number of seconds`);
  }
  if (n > MAX_SECONDS) {
    throw new UsageError(
      `${flag} ${JSON.stringify(value)}: at most ${MAX_SECONDS} seconds (about 24 days); 0 means no limit`,
    );
  }
  return Math.round(n * 1000);
}

export const sendCommand = defineCommand({
  name: "send",
  synopsis: "URL [options]",
  summary: "send a request and show the stream live: the reply, its thinking, and a summary",
  description: [
    "Works like curl: -X, -H and -d. The format (OpenAI, Anthropic, Gemini, Ollama, Cohere, or generic SSE) is detected from the response and the URL; --format overrides it.",
    "On a terminal the reply streams as it arrives, thinking shown apart (dimmed), then tool calls and a summary. Piped, the same in plain text. HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.",
  ],
  options: SEND_OPTIONS,
  examples: [
    {
      comment: "stream from the built-in mock provider (start it with `sselens mock --port 8080`)",
      command: `sselens http://127.0.0.1:8080/v1/chat/completions -d '{"model":"deepseek-reasoner","messages":[{"role":"user","content":"Hi"}],"stream":true}'`,
    },
    {
      comment: "OpenAI, every event as NDJSON the moment it arrives",
      command: `sselens https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -d @request.json --events`,
    },
    {
      comment: "one JSON report for scripts",
      command: "sselens $URL -d @request.json --json | jq .metrics.ttftMs",
    },
    { comment: "the body as received", command: "sselens $URL -d @request.json --raw > body.sse" },
  ],
  async run({ values, positionals }, io) {
    const [url, ...extra] = positionals;
    if (url === undefined) throw new UsageError("missing URL (see sselens --help)");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const view = checkedView(selectedViews(values), values.comments);
    const timeout = secondsOption(values.timeout, "--timeout");
    const maxTime = secondsOption(values["max-time"], "--max-time");
    const ca = values.cacert === undefined ? undefined : await readCa(values.cacert, io.cwd);
    const readOptions = await sessionOptions(values, io.cwd);
    const script = await loadScriptTap(values.script, io, view === "json");
    const request = await prepareRequest(
      { url, method: values.request, headers: values.header, data: values.data },
      io,
      `sselens/${VERSION}`,
    );

    const style = createStyle({ isTTY: io.stdout.isTTY, env: io.env, noColor: values["no-color"] });
    // A custom format (rules) or a script merges the stream, whatever format is detected.
    const custom = typeof readOptions.format === "object" || values.script !== undefined;
    const shown = createView({ view, comments: values.comments, style, custom }, io);
    const body = createBodyPrefix();
    const controller = new AbortController();
    const offInterrupt = io.onInterrupt(() => controller.abort());
    // The reader went away (`sselens … | head`): stop, and leave quietly.
    let readerGone = false;
    const offClosed = io.onStdoutClosed(() => {
      readerGone = true;
      controller.abort();
    });

    let session: Session | null = null;
    const open = (contentType: string | undefined, headersAt?: number): Session =>
      createSession(
        {
          ...readOptions,
          url: request.url,
          keepRaw: shown.needsRaw,
          ...(contentType === undefined ? {} : { contentType }),
          ...(headersAt === undefined ? {} : { headersAt }),
        },
        script.wrap(shown.callbacks),
      );
    try {
      const capture = await send(
        {
          ...request,
          headersTimeoutMs: timeout ?? DEFAULT_HEADERS_TIMEOUT_S * 1000,
          idleTimeoutMs: timeout ?? DEFAULT_IDLE_TIMEOUT_S * 1000,
          ...(maxTime ? { totalTimeoutMs: maxTime } : {}),
          insecure: values.insecure,
          ...(ca === undefined ? {} : { ca }),
          signal: controller.signal,
          keepChunks: false,
        },
        {
          onResponse(response) {
            session = open(headerValue(response.headers, "content-type"), response.headersAt);
          },
          onChunk(chunk) {
            shown.chunk(chunk.bytes);
            body.add(chunk.bytes);
            session?.feed(chunk.bytes, chunk.t);
          },
        },
      );
      if (readerGone) return EXIT.ok;
      const done: Session = session ?? open(undefined);
      done.end(capture.end);
      const status = capture.response?.status ?? null;
      const report = await script.finish(done.report(status));
      const warnings = [
        compressedStreamNote(capture.response),
        redirectNote(capture.response, request.url),
        retryAfterNote(capture.response),
      ].filter((note) => note !== null);
      const problem = completeReport(report, { status, end: capture.end, notes: warnings });
      shown.finish(report, {
        problem,
        warnings,
        body,
        responded: capture.response !== null,
        ...(capture.response ? { statusText: capture.response.statusText } : {}),
      });
      return exitStatus(report);
    } finally {
      offInterrupt();
      offClosed();
      script.dispose();
    }
  },
});

async function readCa(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`cannot read --cacert ${file}: ${describeFsError(error)}`);
  }
}
