/**
 * sselens core: the browser-safe engine. Bytes, strings and plain objects in and out;
 * no Node APIs, so the CLI, the local server and the web page all run it unchanged.
 *
 * @example
 * import { createSession } from "sselens/core";
 * const session = createSession({ contentType: "text/event-stream", url }, {
 *   onEvent: (event, deltas) => console.log(event.t, event.type, deltas),
 * });
 * for await (const chunk of body) session.feed(chunk, performance.now() - start);
 * session.end({ reason: "complete", at: performance.now() - start });
 * const report = session.report(200); // choices, usage, metrics, anomalies, complete
 */

export { redactCapture, redactHeaders, redactUrl } from "./capture/redact.js";
export type { SerializedCapture } from "./capture/serialize.js";
export {
  bodyBytes,
  CaptureFormatError,
  deserializeCapture,
  isCaptureFormatError,
  serializeCapture,
} from "./capture/serialize.js";
export type {
  Capture,
  CaptureEnd,
  CaptureRequest,
  CaptureResponse,
  Chunk,
  EndReason,
  Header,
} from "./capture/types.js";
export { headerValue } from "./capture/types.js";
export { getFormat } from "./formats/registry.js";
export { createReply } from "./formats/reply.js";
export type {
  Choice,
  Delta,
  Detection,
  Format,
  FormatName,
  MergedReply,
  ReportError,
  ToolCall,
  Usage,
} from "./formats/types.js";
export { FORMAT_NAMES } from "./formats/types.js";
export type { Metrics } from "./metrics/types.js";
export { analyzeCapture } from "./pipeline/analyze.js";
export { detectFormat } from "./pipeline/detect.js";
export { createSession } from "./pipeline/session.js";

export type { Report, Session, SessionCallbacks, SessionOptions } from "./pipeline/types.js";
export type { CompiledRule, CompileResult, RuleSpec } from "./rules/index.js";
export { compileRule } from "./rules/index.js";
export { createJsonArrayParser } from "./sse/json-array.js";
export { createNdjsonParser } from "./sse/ndjson.js";
export { createSseParser } from "./sse/parser.js";
export type {
  Anomaly,
  AnomalyCode,
  Framer,
  FramerOptions,
  Framing,
  StreamComment,
  StreamEvent,
} from "./sse/types.js";
