/**
 * Gemini `GenerateContentResponse` chunks, as they arrive on the wire
 * (ai.google.dev/api/generate-content; Vertex AI's `FunctionCall.partialArgs` from the
 * aiplatform v1 reference). With `?alt=sse` each chunk is one SSE `data:`; without it the body
 * is a JSON array of the same objects.
 *
 * Every field is optional and `unknown`: the fold validates each value where it uses it.
 */

export interface WireChunk {
  candidates?: unknown;
  promptFeedback?: unknown;
  usageMetadata?: unknown;
  modelVersion?: unknown;
  responseId?: unknown;
  /** An error body: `{"error": {"code": 429, "message": "...", "status": "RESOURCE_EXHAUSTED"}}`. */
  error?: unknown;
}

export interface WireCandidate {
  index?: unknown;
  content?: unknown;
  finishReason?: unknown;
  finishMessage?: unknown;
  safetyRatings?: unknown;
  citationMetadata?: unknown;
  groundingMetadata?: unknown;
}

export interface WirePart {
  text?: unknown;
  thought?: unknown;
  thoughtSignature?: unknown;
  functionCall?: unknown;
  executableCode?: unknown;
  codeExecutionResult?: unknown;
  inlineData?: unknown;
  fileData?: unknown;
  functionResponse?: unknown;
  [key: string]: unknown;
}

export interface WireFunctionCall {
  id?: unknown;
  name?: unknown;
  args?: unknown;
  /** Vertex only: argument values streamed by JSON path. */
  partialArgs?: unknown;
  /** Vertex only: true while more parts of this call follow. */
  willContinue?: unknown;
}

export interface WirePartialArg {
  jsonPath?: unknown;
  stringValue?: unknown;
  numberValue?: unknown;
  boolValue?: unknown;
  nullValue?: unknown;
  /** True while more parts of the same `jsonPath` follow (string values are concatenated). */
  willContinue?: unknown;
}

/** Part keys that carry no content of their own (metadata beside a content key). */
export const PART_METADATA_KEYS = new Set([
  "thought",
  "thoughtSignature",
  "videoMetadata",
  "partMetadata",
  "mediaResolution",
]);
