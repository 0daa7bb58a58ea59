/**
 * The four ways to show a stream (`--events`, `--json`, `--raw`, and the
 * default reply view), each as session callbacks plus what it prints at the
 * end. `sselens URL` and `sselens inspect` both drive a session through one.
 */
import type { Report, SessionCallbacks } from "../core/pipeline/types.js";
import type { CliIo } from "./io.js";
import { type BodyPrefix, byteLimitNote, prettyJson } from "./render/body.js";
import { commentLine, eventLine } from "./render/events.js";
import { createReplyWriter } from "./render/reply.js";
import { type Style, sanitize } from "./render/style.js";
import { summaryText } from "./render/summary.js";
import type { ViewName } from "./view-options.js";

export interface FinishInfo {
  /** HTTP reason phrase, for the summary. */
  statusText?: string;
  /** One line saying what went wrong (HTTP error, cut, timeout), for stderr. */
  problem?: string | null;
  /** The first bytes of the body, shown when it turned out not to be a stream. */
  body: BodyPrefix;
  /** False when no response arrived (connection failure): the problem line says it all. */
  responded: boolean;
  /** Warnings about the exchange (e.g. a compressed stream's buffering risk); the reply view has them in its summary. */
  warnings?: readonly string[];
}

export interface StreamView {
  readonly callbacks: SessionCallbacks;
  /** One body read, before it goes to the session (the raw view writes it). */
  chunk(bytes: Uint8Array): void;
  /** The final report: print what this view prints at the end. */
  finish(report: Report, info: FinishInfo): void;
  /** Does this view need the events' raw text kept? */
  readonly needsRaw: boolean;
}

export interface ViewOptions {
  view: ViewName;
  comments: boolean;
  style: Style;
  /** A custom format (rules, script) merges the stream: never fall back to showing raw events. */
  custom?: boolean;
}

export function createView(opts: ViewOptions, io: CliIo): StreamView {
  const out = (text: string | Uint8Array) => io.stdout.write(text);
  // Views that own stdout for data say what went wrong, and warn, on stderr.
  const problemLine = (info: FinishInfo) => {
    for (const warning of info.warnings ?? []) io.stderr.write(`sselens: note: ${warning}\n`);
    if (info.problem) io.stderr.write(`sselens: ${sanitize(info.problem)}\n`);
  };
  switch (opts.view) {
    case "events":
      return {
        needsRaw: false,
        callbacks: {
          onEvent: (event) => out(eventLine(event)),
          ...(opts.comments ? { onComment: (comment) => out(commentLine(comment)) } : {}),
        },
        chunk() {},
        finish: (_report, info) => problemLine(info),
      };
    case "json":
      return {
        needsRaw: false,
        callbacks: {},
        chunk() {},
        finish(report, info) {
          out(`${JSON.stringify(report, null, 2)}\n`);
          problemLine(info);
        },
      };
    case "raw":
      return {
        needsRaw: false,
        callbacks: {},
        chunk: (bytes) => out(bytes),
        finish: (_report, info) => problemLine(info),
      };
    case "reply":
      return replyView(opts, io);
  }
}

/** The default view: the reply as it streams, then a summary. */
function replyView(opts: ViewOptions, io: CliIo): StreamView {
  const { style } = opts;
  const writer = createReplyWriter((text) => io.stdout.write(text), style);
  let generic = false;
  return {
    needsRaw: false,
    callbacks: {
      onDetect(detection, framing) {
        // A whole body that is not a stream (a JSON reply, an error page) is shown once, at the
        // end, pretty-printed when it is JSON; only a stream's events are shown as they come.
        generic = detection.format === "sse" && !opts.custom && framing !== "raw";
      },
      onEvent(event, deltas) {
        // A stream no format knows has no reply to merge: show its events as they come.
        if (generic) writer.event(event);
        else writer.deltas(deltas);
      },
      // What the format flushed at the end (e.g. a held-back `<think>` tail).
      onFinish: (deltas) => writer.deltas(deltas),
    },
    chunk() {},
    finish(report, info) {
      if (!info.responded) {
        if (info.problem) io.stderr.write(`sselens: ${sanitize(info.problem)}\n`);
        return;
      }
      const prefix = info.body;
      writer.finish(report.choices);
      const notMerged = report.framing === "raw" && !hasReply(report) && !(generic && writer.wrote);
      if (report.metrics.bytes > 0 && (report.metrics.events === 0 || notMerged)) {
        // Not a stream (an error reply, plain text) and nothing merged or shown from it: show the body itself.
        const body = prefix.text();
        // The body is untrusted too (an HTML page, plain text): no terminal escapes get through.
        const shown = sanitize(prettyJson(body) ?? body);
        io.stdout.write(shown.endsWith("\n") ? shown : `${shown}\n`);
        if (prefix.truncated) io.stderr.write(`sselens: note: ${byteLimitNote(prefix.limit)}\n`);
      }
      if (writer.wrote || report.metrics.bytes > 0) io.stdout.write("\n");
      io.stdout.write(
        summaryText(report, { style, ...(info.statusText ? { statusText: info.statusText } : {}) }),
      );
    },
  };
}

/** Did the merge get any reply text or tool call out of the body? */
function hasReply(report: Report): boolean {
  return report.choices.some(
    (c) => c.content !== "" || c.reasoning !== null || c.toolCalls.length > 0 || c.refusal !== null,
  );
}
