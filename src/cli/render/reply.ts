/**
 * The default view, live: the merged reply written as its deltas arrive, the
 * thinking under its own dimmed heading, then the answer, tool calls and any
 * refusal or error. One choice is streamed live; with several (`n>1`) the
 * others are printed whole at the end, so interleaved chunks stay readable.
 */
import type { Choice, Delta } from "../../core/formats/types.js";
import type { StreamEvent } from "../../core/sse/types.js";
import { type Style, sanitize } from "./style.js";

/** Headings are bold; this adds no colour on top. */
const plainColour = (s: string) => s;

type Section = "none" | "thinking" | "answer" | "refusal" | `tool:${string}`;

export interface ReplyWriter {
  /** What one event added to the reply. */
  deltas(deltas: readonly Delta[]): void;
  /** An event of a stream no format merges, shown as it is: its data, and its type unless `message`. */
  event(event: StreamEvent): void;
  /** The stream ended: close the last line and print the choices not streamed live. */
  finish(choices: readonly Choice[]): void;
  /** Something was written (the summary starts on a fresh line either way). */
  readonly wrote: boolean;
}

export function createReplyWriter(write: (text: string) => void, style: Style): ReplyWriter {
  let section: Section = "none";
  let liveChoice: number | null = null;
  let atLineStart = true;
  let wrote = false;
  const toolNames = new Map<string, string>();

  const out = (text: string) => {
    if (text === "") return;
    write(text);
    wrote = true;
    atLineStart = text.endsWith("\n");
  };
  // Model text is untrusted: on a terminal its control sequences could rewrite the screen, and
  // piped output is plain text that is often paged or cat-ed to a terminal later.
  const clean = sanitize;
  const newline = () => {
    if (!atLineStart) out("\n");
  };
  const heading = (label: string, colour: (s: string) => string = style.dim) => {
    newline();
    if (wrote) out("\n");
    out(`${colour(style.bold(label))}\n`);
  };
  const enter = (next: Section, label: string | null, colour?: (s: string) => string) => {
    if (section === next) return;
    // The answer gets a heading only when something came before it.
    if (label !== null) heading(label, colour);
    else if (section !== "none") heading("answer", plainColour);
    section = next;
  };

  const one = (d: Delta) => {
    switch (d.kind) {
      case "reasoning":
        enter("thinking", "thinking");
        out(style.dim(clean(d.text)));
        return;
      case "reasoning-redacted":
        enter("thinking", "thinking");
        // On its own line: glued to the thinking before it, it reads as part of the model's text.
        newline();
        out(`${style.dim("[redacted thinking]")}\n`);
        return;
      case "content":
        enter("answer", null);
        out(clean(d.text));
        return;
      case "refusal":
        enter("refusal", "refusal", style.yellow);
        out(style.yellow(clean(d.text)));
        return;
      case "tool-start": {
        const name = d.name ?? "?";
        toolNames.set(d.key, name);
        section = `tool:${d.key}`;
        heading(clean(`tool call ${name}${d.id ? ` (${d.id})` : ""}`), style.cyan);
        if (d.arguments !== undefined) out(clean(d.arguments));
        return;
      }
      case "tool-args":
        if (section !== `tool:${d.key}`) {
          section = `tool:${d.key}`;
          heading(clean(`tool call ${toolNames.get(d.key) ?? "?"} (continued)`), style.cyan);
        }
        out(clean(d.text));
        return;
      case "error":
        newline();
        out(`${style.red(clean(`error${d.error.code ? ` (${d.error.code})` : ""}: ${d.error.message}`))}\n`);
        return;
      default:
        // finish, usage, end, meta, citations, steps: shown in the summary.
        return;
    }
  };

  return {
    get wrote() {
      return wrote;
    },
    event(event) {
      newline();
      const type = event.type === "message" ? "" : `${style.dim(clean(`${event.type}:`))} `;
      const data = clean(event.data);
      out(`${type}${data}${data.endsWith("\n") ? "" : "\n"}`);
    },
    deltas(deltas) {
      for (const d of deltas) {
        if ("choice" in d) {
          if (liveChoice === null) {
            liveChoice = d.choice;
            // Only n>1 has a choice other than 0: say which one streams live, as the others are labelled.
            if (liveChoice !== 0) heading(`choice ${liveChoice}`, plainColour);
          }
          if (d.choice !== liveChoice) continue;
        }
        one(d);
      }
    },
    finish(choices) {
      const rest = choices.filter((c) => c.index !== liveChoice);
      const labelled = liveChoice !== null || rest.length > 1;
      for (const choice of rest) printChoice(choice, labelled);
      newline();
    },
  };

  function printChoice(choice: Choice, labelled: boolean) {
    if (labelled) heading(`choice ${choice.index}`, plainColour);
    section = "none";
    if (choice.reasoning) one({ kind: "reasoning", choice: choice.index, text: choice.reasoning });
    if (choice.content) one({ kind: "content", choice: choice.index, text: choice.content });
    if (choice.refusal) one({ kind: "refusal", choice: choice.index, text: choice.refusal });
    for (const [i, call] of choice.toolCalls.entries()) {
      one({
        kind: "tool-start",
        choice: choice.index,
        key: `final-${choice.index}-${i}`,
        id: call.id,
        name: call.name,
        arguments: call.arguments,
      });
    }
  }
}
