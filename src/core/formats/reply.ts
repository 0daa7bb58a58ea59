/**
 * The one reducer every format shares: it applies the `Delta`s a format's fold
 * returns to a `MergedReply`. Formats decide *what* an event means; this file
 * decides *how* meanings accumulate, so every format reports the same way.
 */
import type { Anomaly } from "../sse/types.js";
import { createText, type TextBuilder } from "./text.js";
import type { Choice, Delta, FormatName, MergedReply, ReportError, ToolCall, Usage } from "./types.js";

interface ToolBuilder {
  /** The call, with `arguments` filled from `args` at snapshot time. */
  call: ToolCall;
  args: TextBuilder;
}

interface ChoiceBuilder {
  /** The choice, with `content` and `reasoning` filled from the builders below at snapshot time. */
  choice: Choice;
  content: TextBuilder;
  /** Null until the first reasoning delta (a reply without reasoning reports `reasoning: null`). */
  reasoning: TextBuilder | null;
  /** Tool calls by the format's key, in order of first appearance (Map order). */
  tools: Map<string, ToolBuilder>;
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
    content: createText(),
    reasoning: null,
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

  const tool = (b: ChoiceBuilder, key: string): ToolBuilder => {
    let t = b.tools.get(key);
    if (!t) {
      t = { call: { id: null, name: null, arguments: "" }, args: createText() };
      b.tools.set(key, t);
    }
    return t;
  };

  function apply(delta: Delta, event?: number): void {
    switch (delta.kind) {
      case "content":
        at(delta.choice).content.append(delta.text);
        return;
      case "reasoning": {
        const b = at(delta.choice);
        b.reasoning ??= createText();
        b.reasoning.append(delta.text);
        return;
      }
      case "reasoning-redacted": {
        const b = at(delta.choice);
        b.choice.reasoningRedacted = true;
        b.reasoning ??= createText();
        return;
      }
      case "refusal": {
        const c = at(delta.choice).choice;
        c.refusal = (c.refusal ?? "") + delta.text;
        return;
      }
      case "tool-start": {
        const { call, args } = tool(at(delta.choice), delta.key);
        // The first fragment names the call; later fragments never rename it.
        call.id ??= delta.id;
        call.name ??= delta.name;
        if (delta.type !== undefined) call.type ??= delta.type;
        if (delta.arguments !== undefined) args.append(delta.arguments);
        return;
      }
      case "tool-args":
        tool(at(delta.choice), delta.key).args.append(delta.text);
        return;
      case "tool-args-set": {
        const t = tool(at(delta.choice), delta.key);
        t.args = createText();
        t.args.append(delta.arguments);
        return;
      }
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
      choices: sorted.map(({ choice, content, reasoning, tools }) => ({
        ...choice,
        content: content.value(),
        reasoning: reasoning === null ? null : reasoning.value(),
        toolCalls: Array.from(tools.values(), ({ call, args }) => ({ ...call, arguments: args.value() })),
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
