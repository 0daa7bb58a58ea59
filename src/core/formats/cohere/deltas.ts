/** Small builders shared by the Cohere stream fold and the whole-response fold. */
import { anomaly } from "../deltas.js";
import type { Delta } from "../types.js";
import { asString, dig, jsonError } from "../values.js";

/** Flag tool arguments that are not valid JSON; the string itself stays exactly as streamed. */
export function validateArgs(index: number, args: string): Delta[] {
  if (args === "") return [];
  const why = jsonError(args);
  if (why === undefined) return [];
  return [
    anomaly(
      "invalid-tool-arguments",
      `tool call ${index} arguments are not valid JSON (${why}); kept as streamed`,
    ),
  ];
}

/** `delta.message.content` of content-start / content-delta (or a whole content part): text, or thinking. */
export function contentDeltas(kind: "text" | "thinking", content: unknown): Delta[] {
  const out: Delta[] = [];
  const thinking = asString(dig(content, "thinking"));
  if (thinking) out.push({ kind: "reasoning", choice: 0, text: thinking });
  const text = asString(dig(content, "text"));
  if (text) out.push({ kind: kind === "thinking" ? "reasoning" : "content", choice: 0, text });
  return out;
}
