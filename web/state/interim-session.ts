/**
 * A stand-in for the core's `createSession` until `src/core/pipeline/session.ts` lands:
 * SSE framing, URL-based detection, the format's fold and basic metrics. It follows the
 * same `Session` contract, so `core.ts` switches to the real one with a one-line change.
 */
import type { CaptureEnd } from "../../src/core/capture/types.js";
import { getFormat } from "../../src/core/formats/registry.js";
import { createReply } from "../../src/core/formats/reply.js";
import type { Delta, Detection, Format, FormatName } from "../../src/core/formats/types.js";
import type { Report, Session, SessionCallbacks, SessionOptions } from "../../src/core/pipeline/types.js";
import { createSseParser } from "../../src/core/sse/parser.js";

function detect(url: string | undefined): Detection {
  const u = url ?? "";
  const byUrl: [RegExp, FormatName][] = [
    [/\/chat\/completions/, "openai-chat"],
    [/\/responses/, "openai-responses"],
    [/\/messages/, "anthropic"],
    [/generateContent/, "gemini"],
    [/\/api\/(chat|generate)/, "ollama"],
    [/\/v2\/chat/, "cohere"],
  ];
  for (const [re, format] of byUrl) if (re.test(u)) return { format, by: "url", evidence: u };
  return { format: "sse", by: "default", evidence: "no known URL" };
}

export function createSession(opts: SessionOptions, cb: SessionCallbacks = {}): Session {
  const custom = typeof opts.format === "object" ? (opts.format as Format) : null;
  const detection: Detection = custom
    ? { format: "sse", by: "override", evidence: custom.label }
    : typeof opts.format === "string"
      ? { format: opts.format, by: "override", evidence: "override" }
      : detect(opts.url);
  const format = custom ?? getFormat(detection.format);
  const state = format.init(opts.url !== undefined ? { url: opts.url } : {});
  const reply = createReply(custom ? "custom" : detection.format);
  const times: (number | null)[] = [];
  let ttft: number | null = null;
  let firstReasoning: number | null = null;
  let firstByte: number | null = null;
  let chunks = 0;
  let bytes = 0;
  let comments = 0;
  let end: CaptureEnd | null = null;
  let detected = false;
  const applyAll = (deltas: Delta[], i?: number) => {
    for (const d of deltas) reply.apply(d, i);
  };
  const parser = createSseParser({
    ...(opts.maxEventBytes !== undefined ? { maxEventBytes: opts.maxEventBytes } : {}),
    onEvent(e) {
      if (!detected) {
        detected = true;
        cb.onDetect?.(detection);
      }
      let json: unknown;
      try {
        json = JSON.parse(e.data);
      } catch {
        json = undefined;
      }
      const deltas = format.step(state, { ...e, json });
      applyAll(deltas, e.index);
      times.push(e.t);
      if (
        ttft === null &&
        deltas.some((d) => d.kind === "content" || d.kind === "tool-start" || d.kind === "refusal")
      )
        ttft = e.t;
      if (firstReasoning === null && deltas.some((d) => d.kind === "reasoning")) firstReasoning = e.t;
      cb.onEvent?.(e, deltas);
    },
    onComment(c) {
      comments++;
      cb.onComment?.(c);
    },
    onAnomaly(a) {
      cb.onAnomaly?.(a);
    },
  });
  return {
    get detection() {
      return detected ? detection : null;
    },
    feed(b, t) {
      if (firstByte === null) firstByte = t;
      chunks++;
      bytes += b.length;
      parser.feed(b, t);
    },
    end(e) {
      end = e ?? null;
      parser.end();
      applyAll(format.finish(state));
    },
    report(status = null): Report {
      const merged = reply.snapshot();
      const gaps: number[] = [];
      for (let i = 1; i < times.length; i++) {
        const a = times[i - 1];
        const b = times[i];
        if (a != null && b != null) gaps.push(b - a);
      }
      const sorted = [...gaps].sort((a, b) => a - b);
      const q = (p: number) =>
        sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null;
      const stallThresholdMs = opts.stallThresholdMs ?? 2000;
      const stalls: Report["metrics"]["stalls"] = [];
      for (let i = 1; i < times.length; i++) {
        const a = times[i - 1];
        const b = times[i];
        if (a != null && b != null && b - a >= stallThresholdMs) stalls.push({ after: i, ms: b - a, at: b });
      }
      return {
        status,
        complete: end?.reason === "complete" && merged.ended,
        end: end?.reason ?? null,
        format: merged.format,
        detection,
        framing: "sse",
        errors: merged.errors,
        anomalies: merged.anomalies,
        choices: merged.choices,
        usage: merged.usage,
        metrics: {
          headersMs: null,
          firstByteMs: firstByte,
          firstEventMs: times[0] ?? null,
          firstReasoningMs: firstReasoning,
          ttftMs: ttft,
          totalMs: end?.at ?? null,
          events: times.length,
          comments,
          chunks,
          bytes,
          gaps: { maxMs: sorted.length ? sorted[sorted.length - 1]! : null, p50Ms: q(0.5), p95Ms: q(0.95) },
          stallThresholdMs,
          stalls,
          outputTokensPerSec: null,
          buffering: { suspected: false, bursts: [] },
        },
        notes: merged.notes,
        meta: merged.meta,
      };
    },
  };
}
