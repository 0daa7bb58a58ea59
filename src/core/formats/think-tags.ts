/**
 * Splits `<think>…</think>` (and Kimi's `◁think▷…◁/think▷`) out of streamed answer text.
 *
 * Hosts that serve R1-style models without a reasoning parser (vLLM, SGLang, Ollama's
 * OpenAI endpoint, Groq `reasoning_format: raw`) leave the model's thinking inside
 * `content`. The tags can straddle network events, and DeepSeek-R1 chat templates put the
 * opening tag in the *prompt*, so the reply starts inside the thinking and shows only
 * `</think>`.
 *
 * The rules, chosen so that the final split never depends on how the text was chunked:
 * - Tags are removed; every other character lands, unchanged, in exactly one channel.
 * - An opening tag as the first non-whitespace text opens reasoning. Anywhere later in the
 *   answer an opening tag opens reasoning too; inside reasoning either closing tag closes it.
 * - Missing opener: when the caller says the opener may live in the prompt
 *   (`openerMayBeMissing`), text that does not start with an opening tag is *held* until the
 *   evidence decides it: a closing tag makes the held text reasoning, an opening tag makes it
 *   answer, and the end of the stream (`finish`) makes it answer. Holding delays the live view,
 *   so callers enable it only on evidence (a model name like `deepseek-r1`), and call
 *   `release()` when other evidence says the host already split reasoning out (e.g. a
 *   `reasoning_content` field arrived).
 * - Without that evidence, a closing tag seen in answer text is reported as a `stray-close`
 *   segment (the text before it was already shown as answer and stays there); the tag itself
 *   is dropped.
 * - A partial tag at the end of the text so far is held back until the next push decides it.
 * - `finish()` flushes: unterminated reasoning stays reasoning, held or partial text is answer.
 */

export type ThinkSegment =
  | { kind: "content" | "reasoning"; text: string }
  /** A closing tag with no opening tag, after answer text had already been released. */
  | { kind: "stray-close"; tag: string };

export interface ThinkTagSplitter {
  /** Feed the next piece of answer text; returns what can be decided now. */
  push(text: string): ThinkSegment[];
  /** Stop holding text for a possibly missing opener: decide it as answer now. */
  release(): ThinkSegment[];
  /** The text ended: flush everything still held. */
  finish(): ThinkSegment[];
  /** True once any reasoning was split out. */
  readonly sawTags: boolean;
}

export interface ThinkTagOptions {
  /** The opening tag may be in the prompt (DeepSeek-R1 templates): hold text until decided. */
  openerMayBeMissing?: boolean;
}

/** Tag pairs recognised. Closers are accepted for either opener (models do not mix them). */
export const THINK_OPENERS = ["<think>", "◁think▷"] as const;
export const THINK_CLOSERS = ["</think>", "◁/think▷"] as const;
const ALL_TAGS: readonly string[] = [...THINK_OPENERS, ...THINK_CLOSERS];
const LONGEST_TAG = Math.max(...ALL_TAGS.map((t) => t.length));

type Mode = "start" | "held" | "content" | "reasoning";

interface Found {
  at: number;
  tag: string;
}

/** Earliest occurrence at or after `from` of any of `tags`. */
function findFirst(text: string, tags: readonly string[], from: number): Found | null {
  let best: Found | null = null;
  for (const tag of tags) {
    const at = text.indexOf(tag, from);
    if (at !== -1 && (best === null || at < best.at)) best = { at, tag };
  }
  return best;
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `tags`. */
function partialTagSuffix(text: string, tags: readonly string[]): number {
  const max = Math.min(text.length, LONGEST_TAG - 1);
  for (let n = max; n > 0; n--) {
    const tail = text.slice(text.length - n);
    if (tags.some((t) => t.length > n && t.startsWith(tail))) return n;
  }
  return 0;
}

/** Could `text` hold (part of) a tag? Every tag starts with `<` or `◁`. */
function hasTagChar(text: string): boolean {
  return text.includes("<") || text.includes("◁");
}

/** Create a splitter for one choice's answer text. */
export function createThinkTagSplitter(options: ThinkTagOptions = {}): ThinkTagSplitter {
  let mode: Mode = "start";
  let buf = "";
  // In "held" mode: how far `buf` has been searched, so a long hold is scanned once (linear).
  let scanned = 0;
  let holdAllowed = options.openerMayBeMissing === true;
  let sawTags = false;

  function emit(out: ThinkSegment[], kind: "content" | "reasoning", text: string): void {
    if (text === "") return;
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  }

  /** Decide as much of `buf` as possible. */
  function drain(out: ThinkSegment[]): void {
    for (;;) {
      if (mode === "start") {
        const first = buf.search(/\S/);
        if (first === -1) return; // whitespace only: wait
        const rest = buf.slice(first);
        const opener = THINK_OPENERS.find((t) => rest.startsWith(t));
        if (opener !== undefined) {
          emit(out, "content", buf.slice(0, first));
          buf = rest.slice(opener.length);
          mode = "reasoning";
          sawTags = true;
          continue;
        }
        if (THINK_OPENERS.some((t) => t.startsWith(rest))) return; // maybe an opener: wait
        mode = holdAllowed ? "held" : "content";
        scanned = 0;
        continue;
      }
      if (mode === "held") {
        const from = Math.max(0, scanned - (LONGEST_TAG - 1));
        const found = findFirst(buf, ALL_TAGS, from);
        if (found === null) {
          scanned = buf.length;
          return;
        }
        const isOpener = (THINK_OPENERS as readonly string[]).includes(found.tag);
        emit(out, isOpener ? "content" : "reasoning", buf.slice(0, found.at));
        buf = buf.slice(found.at + found.tag.length);
        mode = isOpener ? "reasoning" : "content";
        sawTags = true;
        continue;
      }
      // Hot path: most answer text has no tag character at all.
      if (!hasTagChar(buf)) {
        emit(out, mode, buf);
        buf = "";
        return;
      }
      // content or reasoning: look for the tag that changes the mode (and stray closers in content).
      const wanted = mode === "content" ? ALL_TAGS : THINK_CLOSERS;
      const found = findFirst(buf, wanted, 0);
      if (found === null) {
        const keep = partialTagSuffix(buf, wanted);
        emit(out, mode, buf.slice(0, buf.length - keep));
        buf = buf.slice(buf.length - keep);
        return;
      }
      emit(out, mode, buf.slice(0, found.at));
      buf = buf.slice(found.at + found.tag.length);
      if (mode === "reasoning") mode = "content";
      else if ((THINK_OPENERS as readonly string[]).includes(found.tag)) {
        mode = "reasoning";
        sawTags = true;
      } else out.push({ kind: "stray-close", tag: found.tag });
    }
  }

  return {
    push(text) {
      const out: ThinkSegment[] = [];
      if (text === "") return out;
      // Hot path, the same result as drain() gives: nothing held and no tag character at all.
      if (buf === "" && (mode === "content" || mode === "reasoning") && !hasTagChar(text)) {
        out.push({ kind: mode, text });
        return out;
      }
      buf += text;
      drain(out);
      return out;
    },
    release() {
      const out: ThinkSegment[] = [];
      holdAllowed = false;
      if (mode === "held") {
        mode = "content";
        drain(out);
      }
      return out;
    },
    finish() {
      const out: ThinkSegment[] = [];
      emit(out, mode === "reasoning" ? "reasoning" : "content", buf);
      buf = "";
      mode = "content";
      return out;
    },
    get sawTags() {
      return sawTags;
    },
  };
}
