/**
 * `--script FILE`: the events of a session also go to a post-processor script
 * running in the sandbox (a worker thread with QuickJS). The script's output
 * replaces the format's reply; its console lines and problems go to stderr with
 * the event they came from (and into the report's `meta.script`).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Choice, Delta } from "../core/formats/types.js";
import type { Report, SessionCallbacks } from "../core/pipeline/types.js";
import {
  mergeScriptOutputs,
  type ScriptLog,
  type ScriptProblem,
  type ScriptStep,
} from "../core/rules/index.js";
import { createScriptRunner } from "../node/sandbox/index.js";
import { InputError } from "./errors.js";
import type { CliIo } from "./io.js";
import { describeFsError } from "./request.js";

export interface ScriptTap {
  /** Route the session's events through the script before the view sees them. */
  wrap(callbacks: SessionCallbacks): SessionCallbacks;
  /** Wait for the script, call its onEnd, and return the report with the script's reply. */
  finish(report: Report): Promise<Report>;
  dispose(): void;
}

const NO_SCRIPT: ScriptTap = { wrap: (cb) => cb, finish: async (r) => r, dispose() {} };

/** What the report keeps of a script run. */
export interface ScriptMeta {
  file: string;
  events: number;
  logs: (ScriptLog & { event?: number })[];
  problems: ScriptProblem[];
}

function outputDeltas(step: { output: ScriptStep["output"] }): Delta[] {
  const deltas: Delta[] = [];
  if (step.output?.reasoning) deltas.push({ kind: "reasoning", choice: 0, text: step.output.reasoning });
  if (step.output?.content) deltas.push({ kind: "content", choice: 0, text: step.output.content });
  return deltas;
}

/**
 * Load `file` into the sandbox, or refuse it (unreadable, syntax error, no onEvent)
 * before anything is sent. `quiet` keeps stderr for problems only (the JSON view).
 */
export async function scriptTap(file: string | undefined, io: CliIo, quiet: boolean): Promise<ScriptTap> {
  if (file === undefined) return NO_SCRIPT;
  let source: string;
  try {
    source = await readFile(resolve(io.cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`cannot read --script ${file}: ${describeFsError(error)}`);
  }
  const runner = createScriptRunner(source);
  const ready = await runner.ready;
  if (!ready.ok) {
    runner.dispose();
    throw new InputError(`--script ${file}: ${ready.problem?.message ?? "the script did not load"}`);
  }
  const meta: ScriptMeta = { file, events: 0, logs: [], problems: [] };
  const steps: ScriptStep[] = [];
  let chain: Promise<void> = Promise.resolve();

  const report = (logs: ScriptLog[], problem: ScriptProblem | null, event?: number): void => {
    for (const log of logs) {
      meta.logs.push(event === undefined ? log : { ...log, event });
      if (!quiet) io.stderr.write(`[script${event === undefined ? "" : ` event ${event}`}] ${log.text}\n`);
    }
    if (problem) {
      meta.problems.push(problem);
      io.stderr.write(`sselens: --script ${file}: ${problem.message}\n`);
    }
  };
  report(ready.logs, null);

  return {
    wrap(cb) {
      // The format's end-of-stream deltas belong to its reply, which the script's replaces.
      // (The view knows a script merges the stream: the commands create it with `custom`.)
      const { onFinish: _formatFlush, ...rest } = cb;
      return {
        ...rest,
        onEvent(event) {
          const pending = runner.onEvent({
            type: event.type,
            data: event.data,
            id: event.id,
            index: event.index,
            t: event.t,
          });
          chain = chain.then(async () => {
            const step = await pending;
            steps.push(step);
            meta.events++;
            report(step.logs, step.problem, step.event);
            // With onEnd the reply may be replaced, so the reply view prints it once, from
            // the final report, instead of streaming it.
            cb.onEvent?.(event, ready.hasOnEnd ? [] : outputDeltas(step));
          });
        },
      };
    },
    async finish(base) {
      await chain;
      const end = await runner.end();
      report(end.logs, end.problem);
      const merged = mergeScriptOutputs(steps, end);
      const first = base.choices[0];
      const choice: Choice = {
        index: 0,
        content: merged.content,
        reasoning: merged.reasoning,
        toolCalls: [],
        finishReason: first?.finishReason ?? null,
        refusal: null,
        citations: [],
        steps: [],
      };
      const seen = base.detection;
      return {
        ...base,
        format: "custom",
        // The script decided how to merge; keep what detection saw, for a stream the script may not expect.
        detection: {
          format: seen.format,
          by: "override",
          evidence: `--script ${file} (detected ${seen.format} by ${seen.by}: ${seen.evidence})`,
        },
        choices: [choice],
        notes: [...base.notes, ...meta.problems.map((p) => `script: ${p.message}`)],
        meta: { ...base.meta, script: meta },
      };
    },
    dispose: () => runner.dispose(),
  };
}
