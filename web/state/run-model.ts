/**
 * One run as the page sees it: the capture as it arrives, fed through the browser-safe
 * core (`createSession`), with everything the views need kept in plain arrays outside
 * React. Views subscribe and re-render at most once per animation frame, reading only
 * the slice they show (the timeline reads the rows in view, never the whole list).
 *
 * A live run and a re-opened run go through the same `apply` path, so a run re-opened
 * from its capture shows exactly what was shown live.
 */
import type {
  Capture,
  CaptureEnd,
  CaptureRequest,
  CaptureResponse,
  Chunk,
} from "../../src/core/capture/types.js";
import { headerValue } from "../../src/core/capture/types.js";
import { createReply, type ReplyBuilder } from "../../src/core/formats/reply.js";
import type { Delta, Detection, Format, FormatName, MergedReply } from "../../src/core/formats/types.js";
import type { Report, Session } from "../../src/core/pipeline/types.js";
import type { Anomaly, StreamComment, StreamEvent } from "../../src/core/sse/types.js";
import { type ClientMessage, type LoadedRun, type MergeOptions, runToMessages } from "../api/index.js";
import { isAnswer, type Phase, phaseOf } from "../lib/phase.js";
import { createSession } from "./core.js";
import { frameBatcher } from "./frame.js";
import { slicedQueue } from "./pump.js";
import { ruleFormat } from "./rule-format.js";

/** A timeline row: an event, a comment, a framing anomaly, or the marker where the stream ended badly. */
export const ItemKind = { Event: 0, Comment: 1, Anomaly: 2, End: 3 } as const;
export type ItemKind = (typeof ItemKind)[keyof typeof ItemKind];

export interface RunOverride {
  /** A built-in format, or a custom one compiled from a rule. */
  format?: FormatName | Format;
  /** A post-processor script whose merged reply replaces the format's (run in the sandbox at the end). */
  script?: string;
}

export class RunModel {
  id = "";
  startedAt = "";
  savedId: string | undefined;
  options: MergeOptions | undefined;
  request: CaptureRequest | null = null;
  response: CaptureResponse | null = null;
  end: CaptureEnd | null = null;
  readonly chunks: Chunk[] = [];
  bytes = 0;
  readonly events: StreamEvent[] = [];
  /** What each event added, by event index. */
  readonly deltas: Delta[][] = [];
  readonly phases: Phase[] = [];
  /** Event types seen, with their counts (for the timeline's type filter). */
  readonly types = new Map<string, number>();
  readonly comments: StreamComment[] = [];
  /** Framing anomalies (merge anomalies ride in the deltas of their event). */
  readonly anomalies: Anomaly[] = [];
  /** Timeline rows in arrival order: kind and index into the matching array. */
  readonly itemKind: ItemKind[] = [];
  readonly itemRef: number[] = [];
  detection: Detection | null = null;
  ttftMs: number | null = null;
  firstReasoningMs: number | null = null;
  /** The final report, once the body has ended. */
  report: Report | null = null;
  /** Bumped once per flushed frame; views compare it to know something changed. */
  version = 0;

  private session: Session | null = null;
  private reply: ReplyBuilder | null = null;
  private snapshotAt = -1;
  private snapshot: MergedReply | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly schedule = frameBatcher(() => {
    this.version++;
    for (const l of [...this.listeners]) l();
  });

  constructor(private readonly override: RunOverride = {}) {}

  /** Re-merge a saved capture (or a finished run) from its bytes. */
  static fromCapture(loaded: LoadedRun, override: RunOverride = {}, { sync = false } = {}): RunModel {
    const run = new RunModel(override);
    for (const m of runToMessages(loaded)) {
      if (sync) run.apply(m);
      else run.enqueue(m);
    }
    return run;
  }

  /** Take a message now, process it in the next free slice (see `pump.ts`). */
  readonly enqueue: (msg: ClientMessage) => void = slicedQueue((msg) => this.apply(msg));

  /** This run as a loaded capture (to re-merge it with another format or rule). */
  toLoaded(): LoadedRun {
    return {
      capture: this.toCapture(),
      ...(this.savedId !== undefined ? { savedId: this.savedId } : {}),
      ...(this.options !== undefined ? { options: this.options } : {}),
    };
  }

  /** The capture so far, to re-merge it with another format or rule. */
  toCapture(): Capture {
    return {
      version: 1,
      id: this.id,
      startedAt: this.startedAt,
      request: this.request ?? { method: "GET", url: "", headers: [], body: null },
      response: this.response,
      chunks: this.chunks,
      end: this.end ?? { reason: "aborted", at: null },
    };
  }

  /** Apply one message of the server's run stream. */
  apply(msg: ClientMessage): void {
    switch (msg.type) {
      case "start":
        this.id = msg.id;
        this.startedAt = msg.startedAt;
        this.request = msg.request;
        this.savedId = msg.savedId;
        this.options = msg.options;
        break;
      case "response":
        this.response = msg.response;
        break;
      case "chunk":
        this.feed(msg.bytes, msg.t);
        return;
      case "end":
        this.end = msg.end;
        this.ensureSession().end(msg.end);
        this.report = this.ensureSession().report(this.response?.status ?? null);
        if (msg.end.reason !== "complete") this.pushItem(ItemKind.End, 0);
        break;
      default: {
        const never: never = msg;
        throw new Error(`RunModel.apply: unknown message ${JSON.stringify(never)}`);
      }
    }
    this.schedule();
  }

  private feed(bytes: Uint8Array, t: number | null): void {
    this.chunks.push({ t, bytes });
    this.bytes += bytes.length;
    this.ensureSession().feed(bytes, t);
    this.schedule();
  }

  private ensureSession(): Session {
    if (this.session) return this.session;
    const contentType = this.response ? headerValue(this.response.headers, "content-type") : undefined;
    const format = this.override.format ?? ruleFormat(this.options?.rule) ?? this.options?.format;
    this.session = createSession(
      {
        ...(format !== undefined ? { format } : {}),
        ...(contentType !== undefined ? { contentType } : {}),
        ...(this.request ? { url: this.request.url } : {}),
        ...(this.response ? { headersAt: this.response.headersAt, encoding: this.response.encoding } : {}),
      },
      {
        onDetect: (d) => {
          this.detection = d;
        },
        onEvent: (event, deltas) => this.onEvent(event, deltas),
        onFinish: (deltas) => {
          if (!this.reply) this.reply = createReply(this.detection?.format ?? "sse");
          for (const d of deltas) this.reply.apply(d);
        },
        onComment: (c) => {
          this.comments.push(c);
          this.pushItem(ItemKind.Comment, this.comments.length - 1);
        },
        onAnomaly: (a) => {
          // An HTTP error body has no end signal by nature (the report drops it too, see buildReport).
          if (a.code === "missing-end-signal" && (this.response?.status ?? 0) >= 400) return;
          this.anomalies.push(a);
          this.pushItem(ItemKind.Anomaly, this.anomalies.length - 1);
        },
      },
    );
    return this.session;
  }

  private onEvent(event: StreamEvent, deltas: Delta[]): void {
    this.events.push(event);
    this.deltas.push(deltas);
    this.phases.push(phaseOf(deltas));
    this.types.set(event.type, (this.types.get(event.type) ?? 0) + 1);
    this.pushItem(ItemKind.Event, this.events.length - 1);
    if (!this.reply) this.reply = createReply(this.detection?.format ?? "sse");
    for (const d of deltas) this.reply.apply(d, event.index);
    if (this.ttftMs === null && isAnswer(deltas)) this.ttftMs = event.t;
    if (this.firstReasoningMs === null && deltas.some((d) => d.kind === "reasoning")) {
      this.firstReasoningMs = event.t;
    }
  }

  private pushItem(kind: ItemKind, ref: number): void {
    this.itemKind.push(kind);
    this.itemRef.push(ref);
  }

  /** The merged reply so far (the final report's choices once ended). Cached per frame. */
  merged(): MergedReply | null {
    if (this.snapshotAt !== this.version) {
      this.snapshotAt = this.version;
      this.snapshot = this.reply ? this.reply.snapshot() : null;
    }
    return this.snapshot;
  }

  /** The script that post-processes this run, if any: the override's, else the saved request's. */
  get script(): string | null {
    if (this.override.script !== undefined) return this.override.script;
    if (this.override.format !== undefined) return null;
    return this.options?.rule?.kind === "script" ? this.options.rule.source : null;
  }

  get streaming(): boolean {
    return this.end === null;
  }

  /** ms since the request started of the latest thing seen. */
  get elapsedMs(): number | null {
    if (this.end?.at != null) return this.end.at;
    const last = this.chunks[this.chunks.length - 1];
    return last?.t ?? this.response?.headersAt ?? null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
