/**
 * What a script's results mean for the report: each step's output is appended
 * in order; `onEnd`'s output, when given, replaces the merged reply. Problems
 * become report errors with the event they concern; logs stay with their event.
 */
import type { Delta } from "../formats/types.js";
import type { ScriptEnd, ScriptOutput, ScriptProblem, ScriptStep } from "./script-protocol.js";

/** The merged reply of a script run. `reasoning` is null when no call produced any. */
export function mergeScriptOutputs(
  steps: readonly ScriptStep[],
  end: ScriptEnd | null,
): ScriptOutput & { content: string } {
  if (end?.output) return { content: end.output.content ?? "", reasoning: end.output.reasoning };
  let content = "";
  let reasoning: string | null = null;
  for (const step of steps) {
    if (step.output?.content) content += step.output.content;
    if (step.output?.reasoning) reasoning = (reasoning ?? "") + step.output.reasoning;
  }
  return { content, reasoning };
}

function problemDelta(problem: ScriptProblem): Delta {
  return {
    kind: "error",
    error: {
      code:
        problem.kind === "limit" ? `script-limit-${problem.limit ?? "unknown"}` : `script-${problem.kind}`,
      message: problem.message,
      ...(problem.event !== undefined ? { event: problem.event } : {}),
    },
  };
}

/** What one `onEvent` call added, as deltas for the timeline and the reducer (choice 0). */
export function scriptStepDeltas(step: ScriptStep): Delta[] {
  const deltas: Delta[] = [];
  if (step.output?.reasoning) deltas.push({ kind: "reasoning", choice: 0, text: step.output.reasoning });
  if (step.output?.content) deltas.push({ kind: "content", choice: 0, text: step.output.content });
  if (step.problem) deltas.push(problemDelta(step.problem));
  return deltas;
}

/** Problems of loading and of `onEnd`, as deltas. */
export function scriptProblemDeltas(problem: ScriptProblem | null): Delta[] {
  return problem ? [problemDelta(problem)] : [];
}
