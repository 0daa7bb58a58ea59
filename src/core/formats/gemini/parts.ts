/**
 * What one Gemini `Part` adds to its candidate's reply: text, thought text, a signature, a
 * function call (whole, or Vertex's streamed pieces), code execution steps, media.
 */
import { anomaly } from "../deltas.js";
import type { Delta } from "../types.js";
import { asRecord, asString, compactJson } from "../values.js";
import { applyPartialArgs, newPartialCall, type PartialCall } from "./partial-args.js";
import { PART_METADATA_KEYS, type WireFunctionCall, type WirePart } from "./wire.js";

export interface CandidateState {
  finished: boolean;
  /** The first `finishReason`: it is kept when a later chunk says another one. */
  reason: string | null;
  /** Function calls so far (their keys are `fc0`, `fc1`, ...). */
  calls: number;
  /** A Vertex call whose arguments are still streaming. */
  open: { key: string; call: PartialCall } | null;
  /** Citations already reported (Gemini repeats `citationMetadata` in later chunks). */
  citations: Set<string>;
}

export function newCandidate(): CandidateState {
  return { finished: false, reason: null, calls: 0, open: null, citations: new Set() };
}

function argsSet(choice: number, key: string, call: PartialCall): Delta {
  return { kind: "tool-args-set", choice, key, arguments: compactJson(call.args) };
}

function functionCall(choice: number, cand: CandidateState, fc: WireFunctionCall): Delta[] {
  const out: Delta[] = [];
  const flag = (problems: string[]) => {
    for (const p of problems)
      out.push(anomaly("invalid-tool-arguments", `function call on candidate ${choice}: ${p}`));
  };
  const name = asString(fc.name);
  const open = cand.open;
  // A nameless part while a streamed call is open continues it (Vertex); `{}` without willContinue ends it.
  if (open && name === undefined) {
    if (asRecord(fc.args)) Object.assign(open.call.args, structuredClone(fc.args));
    flag(applyPartialArgs(open.call, fc.partialArgs));
    out.push(argsSet(choice, open.key, open.call));
    if (fc.willContinue !== true) cand.open = null;
    return out;
  }
  if (!open && name === undefined && fc.args === undefined && fc.partialArgs === undefined) {
    // Vertex's closing `functionCall: {}` with no streamed call open: nothing to close or start.
    return [anomaly("out-of-order", `candidate ${choice}: an empty functionCall with no streamed call open`)];
  }
  cand.open = null;
  const key = `fc${cand.calls++}`;
  const id = asString(fc.id) ?? null;
  if (fc.willContinue === true || fc.partialArgs !== undefined) {
    const call = newPartialCall(fc.args);
    out.push({ kind: "tool-start", choice, key, id, name: name ?? null });
    flag(applyPartialArgs(call, fc.partialArgs));
    out.push(argsSet(choice, key, call));
    if (fc.willContinue === true) cand.open = { key, call };
    return out;
  }
  out.push({ kind: "tool-start", choice, key, id, name: name ?? null, arguments: compactJson(fc.args) });
  return out;
}

/** Steps for the non-text parts Gemini documents; undefined for a part with no such key. */
function stepPart(choice: number, part: WirePart): Delta | undefined {
  const code = asRecord(part.executableCode);
  if (code) return { kind: "step", choice, step: { kind: "executable_code", detail: code } };
  const result = asRecord(part.codeExecutionResult);
  if (result) {
    const outcome = asString(result["outcome"]);
    return {
      kind: "step",
      choice,
      step: {
        kind: "code_execution_result",
        ...(outcome === undefined ? {} : { status: outcome }),
        detail: result,
      },
    };
  }
  const inline = asRecord(part.inlineData);
  if (inline) {
    // The base64 payload can be megabytes: the step names it; the raw event keeps it.
    const data = asString(inline["data"]);
    const detail = { mimeType: inline["mimeType"] ?? null, base64Length: data?.length ?? 0 };
    return { kind: "step", choice, step: { kind: "inline_data", detail } };
  }
  const file = asRecord(part.fileData);
  if (file) return { kind: "step", choice, step: { kind: "file_data", detail: file } };
  const response = asRecord(part.functionResponse);
  if (response) return { kind: "step", choice, step: { kind: "function_response", detail: response } };
  return undefined;
}

/** One part of candidate `choice`. */
export function applyPart(choice: number, cand: CandidateState, raw: unknown): Delta[] {
  const part = asRecord(raw) as WirePart | undefined;
  if (!part) return [anomaly("unknown-block-type", `candidate ${choice} has a part that is not an object`)];
  const out: Delta[] = [];
  const text = asString(part.text);
  if (text) out.push({ kind: part.thought === true ? "reasoning" : "content", choice, text });
  const signature = asString(part.thoughtSignature);
  if (signature) out.push({ kind: "signature", choice, signature });
  const fc = asRecord(part.functionCall);
  if (fc) out.push(...functionCall(choice, cand, fc as WireFunctionCall));
  const step = stepPart(choice, part);
  if (step) out.push(step);
  if (text === undefined && !fc && !step) {
    const unknown = Object.keys(part).filter((k) => !PART_METADATA_KEYS.has(k));
    if (unknown.length > 0) {
      out.push(
        anomaly(
          "unknown-block-type",
          `candidate ${choice} has a part of unknown kind (${unknown.join(", ")}); kept as a step`,
        ),
      );
      out.push({ kind: "step", choice, step: { kind: unknown.join("+"), status: "unknown", detail: part } });
    }
  }
  return out;
}
