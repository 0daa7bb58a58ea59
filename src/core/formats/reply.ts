/**
 * The one reducer every format shares: it applies the `Delta`s a format's fold
 * returns to a `MergedReply`. Formats decide *what* an event means; this file
 * decides *how* meanings accumulate, so every format reports the same way.
 */
import type { Anomaly } from "../sse/types.js";
import type { Choice, Delta, FormatName, MergedReply, ReportError, ToolCall, Usage } from "./types.js";

interface ChoiceBuilder {
  choice: Choice;
  /** Tool calls by the format's key, in order of first appearance. */
  tools: Map<string, ToolCall>;
}

export interface ReplyBuilder {
  /** Apply one delta; `event` is the index of the event it came from. */
  apply(delta: Delta, event?: number): void;
  /** A copy of the reply so far (safe to keep while more deltas arrive). */
  snapshot(): MergedReply;
}

function newChoice(index: number): ChoiceBuilder {
  return {
    choice: {
      index,
      content: "",
      reasoning: null,
      toolCalls: [],
      finishReason: null,
      refusal: null,
      citations: [],
      steps: [],
    },
    tools: new Map(),
  };
}

/**
 * Create an empty reply for `format`.
 *
 * @example
 * const reply = createReply("openai-chat");
 * reply.apply({ kind: "content", choice: 0, text: "Hi" }, 0);
 * reply.snapshot().choices[0]?.content; // "Hi"
 */
export function createReply(format: FormatName | "custom"): ReplyBuilder {
  const choices = new Map<number, ChoiceBuilder>();
  const errors: ReportError[] = [];
  const anomalies: Anomaly[] = [];
  const notes: string[] = [];
  const meta: Record<string, unknown> = {};
  let usage: Usage | null = null;
  let ended = false;

  const at = (index: number): ChoiceBuilder => {
    let c = choices.get(index);
    if (!c) {
      c = newChoice(index);
      choices.set(index, c);
    }
    return c;
  };

  const tool = (b: ChoiceBuilder, key: string): ToolCall => {
    let t = b.tools.get(key);
    if (!t) {
      t = { id: null, name: null, arguments: "" };
      b.tools.set(key, t);
      b.choice.toolCalls.push(t);
    }
    return t;
  };

  function apply(delta: Delta, event?: number): void {
    switch (delta.kind) {
      case "content":
        at(delta.choice).choice.content += delta.text;
        return;
      case "reasoning": {
        const c = at(delta.choice).choice;
        c.reasoning = (c.reasoning ?? "") + delta.text;
        return;
      }
      case "reasoning-redacted": {
        const c = at(delta.choice).choice;
        c.reasoningRedacted = true;
        c.reasoning ??= "";
        return;
      }
      case "refusal": {
        const c = at(delta.choice).choice;
        c.refusal = (c.refusal ?? "") + delta.text;
        return;
      }
      case "tool-start": {
        const t = tool(at(delta.choice), delta.key);
        // The first fragment names the call; later fragments never rename it.
        t.id ??= delta.id;
        t.name ??= delta.name;
        if (delta.type !== undefined) t.type ??= delta.type;
        if (delta.arguments !== undefined) t.arguments += delta.arguments;
        return;
      }
      case "tool-args":
        tool(at(delta.choice), delta.key).arguments += delta.text;
        return;
      case "tool-args-set":
        tool(at(delta.choice), delta.key).arguments = delta.arguments;
        return;
      case "finish": {
        const c = at(delta.choice).choice;
        c.finishReason = delta.reason;
        if (delta.detail !== undefined) c.finishDetail = delta.detail;
        return;
      }
      case "citation":
        at(delta.choice).choice.citations.push(delta.citation);
        return;
      case "step":
        at(delta.choice).choice.steps.push(delta.step);
        return;
      case "signature": {
        const c = at(delta.choice).choice;
        c.signatures = [...(c.signatures ?? []), delta.signature];
        return;
      }
      case "usage":
        usage = { ...delta.usage, provider: delta.provider };
        return;
      case "error":
        errors.push(
          event !== undefined && delta.error.event === undefined ? { ...delta.error, event } : delta.error,
        );
        return;
      case "end":
        ended = true;
        if (delta.note) notes.push(delta.note);
        return;
      case "anomaly":
        anomalies.push(
          event !== undefined && delta.anomaly.event === undefined
            ? { ...delta.anomaly, event }
            : delta.anomaly,
        );
        return;
      case "note":
        if (!notes.includes(delta.text)) notes.push(delta.text);
        return;
      case "meta":
        meta[delta.key] = delta.value;
        return;
      default: {
        const never: never = delta;
        throw new Error(`createReply: unknown delta kind ${JSON.stringify(never)}`);
      }
    }
  }

  function snapshot(): MergedReply {
    const sorted = [...choices.values()].sort((a, b) => a.choice.index - b.choice.index);
    return {
      format,
      choices: sorted.map(({ choice }) => ({
        ...choice,
        toolCalls: choice.toolCalls.map((t) => ({ ...t })),
        citations: [...choice.citations],
        steps: [...choice.steps],
        ...(choice.signatures ? { signatures: [...choice.signatures] } : {}),
      })),
      usage: usage ? { ...usage } : null,
      errors: [...errors],
      anomalies: [...anomalies],
      ended,
      notes: [...notes],
      meta: { ...meta },
    };
  }

  return { apply, snapshot };
}
