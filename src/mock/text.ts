/**
 * The deterministic text generator: "a realistic answer of a few sentences",
 * cut into the small pieces a model streams (a word or two per event).
 *
 * Text is produced lazily, so a 100 000-event stream never exists in memory
 * at once: a `Pieces` is a recipe (seed + size) that can be iterated again.
 */
import { createRng, int, pick, type Rng } from "./random.js";

/** A re-iterable, lazily generated sequence of text pieces. */
export interface Pieces extends Iterable<string> {
  /** How many pieces the sequence yields. */
  readonly count: number;
  /** The pieces joined (the merged text). */
  text(): string;
}

export type TextKind = "answer" | "reasoning";

const SUBJECTS = [
  "the parser",
  "a streaming response",
  "each event",
  "the server",
  "the client",
  "this approach",
  "the model",
  "a small buffer",
  "the first token",
  "the usage chunk",
  "your request",
  "the proxy",
];
const VERBS = ["keeps", "splits", "sends", "collects", "merges", "reports", "delays", "measures", "returns"];
const BASE_VERBS = ["check", "split", "compare", "measure", "merge", "explain", "count", "list"];
const OBJECTS = [
  "the partial lines",
  "every delta in order",
  "the final reply",
  "a short summary",
  "the tool arguments",
  "each network chunk",
  "the timing of the stream",
  "the raw bytes",
  "a clear error",
  "the reasoning apart from the answer",
];
const TAILS = [
  "",
  "",
  " as soon as they arrive",
  " without waiting for the end",
  " in under a second",
  " — even when the connection is slow",
  " so nothing is lost",
  " (usually within 40 ms)",
  ", which keeps memory flat",
  " for café-sized payloads ☕",
  " with naïve defaults",
  ' and calls it "done"',
];
const OPENERS = [
  "",
  "",
  "",
  "In practice, ",
  "Usually ",
  "First, ",
  "Then ",
  "Finally, ",
  "In short, ",
  "Note that ",
];
const THOUGHTS = [
  (t: string, r: Rng) => `Okay, the question is about ${t}. Let me think about ${pick(r, OBJECTS)}.`,
  (_t: string, r: Rng) => `I should ${pick(r, BASE_VERBS)} ${pick(r, OBJECTS)} first.`,
  (_t: string, r: Rng) =>
    `Hmm, ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}, so ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}.`,
  (_t: string, r: Rng) =>
    `Wait, does ${pick(r, SUBJECTS)} really ${pick(r, BASE_VERBS)} ${pick(r, OBJECTS)}? Yes.`,
  () => "That seems right.",
];

/** Greetings and politeness before the request itself. */
const FILLER = /^(?:(?:please|hey|hi|hello|ok|okay|so|now)\b[\s,!]*)+/;
/** The instruction verb: "explain", "can you tell me", ... (what follows is the topic). */
const ASK =
  /^(?:(?:can|could|would|will) you\s+)?(?:please\s+)?(?:explain|describe|tell me|write|give me|summari[sz]e|list|show me|help me understand|teach me|outline)\b\s*/;
/** A length constraint after the verb: "in three sentences", "with 2 bullet points". */
const LENGTH =
  /^(?:in|with|using)\s+(?:\S+\s+){0,3}?(?:sentences?|words?|paragraphs?|bullet points?|bullets|lines?|steps?|points?)\b[\s,:]*/;
/** Words a topic phrase should not end on ("...why the"). */
const DANGLING = new Set([
  "a",
  "an",
  "the",
  "of",
  "to",
  "in",
  "on",
  "and",
  "or",
  "for",
  "with",
  "about",
  "why",
  "how",
  "what",
  "my",
  "your",
]);

/**
 * A short topic phrase taken from the user's message, for a first sentence that answers it:
 * "Explain in three sentences why the sky is blue." gives "why the sky is blue".
 */
export function topicOf(userText: string): string {
  let text = userText.toLowerCase().trim().replace(FILLER, "");
  text = text
    .replace(ASK, "")
    .replace(LENGTH, "")
    .replace(/^about\s+/, "");
  const clause = text.split(/[.?!;\n]/)[0] ?? "";
  const words = (clause.match(/[\p{L}\p{N}_'-]+/gu) ?? []).slice(0, 8);
  while (words.length > 1 && DANGLING.has(words[words.length - 1]!)) words.pop();
  const topic = words.join(" ");
  if (topic !== "" && !DANGLING.has(topic)) return topic;
  // Nothing left after the instruction words: fall back to the message's own first words.
  const any = (userText.toLowerCase().match(/[\p{L}\p{N}_'-]+/gu) ?? []).slice(0, 6).join(" ");
  return any === "" ? "your question" : any;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function answerSentence(rng: Rng, topic: string, index: number): string {
  if (index === 0) return `Here is a short answer about ${topic}.`;
  const opener = pick(rng, OPENERS);
  const body = `${pick(rng, SUBJECTS)} ${pick(rng, VERBS)} ${pick(rng, OBJECTS)}${pick(rng, TAILS)}.`;
  return opener === "" ? capitalize(body) : opener + body;
}

function reasoningSentence(rng: Rng, topic: string, index: number): string {
  const make = index === 0 ? THOUGHTS[0]! : pick(rng, THOUGHTS.slice(1));
  return make(topic, rng);
}

/** Sentences of one kind, forever; paragraphs break every few sentences. */
function* sentences(seed: number, kind: TextKind, topic: string): Generator<string> {
  const rng = createRng(seed);
  let untilBreak = int(rng, 2, 4);
  for (let i = 0; ; i++) {
    const s = kind === "answer" ? answerSentence(rng, topic, i) : reasoningSentence(rng, topic, i);
    const sep = i === 0 ? "" : --untilBreak === 0 ? "\n\n" : " ";
    if (untilBreak === 0) untilBreak = int(rng, 2, 4);
    yield sep + s;
  }
}

/** Cut text into stream pieces: one word (with its leading space), sometimes two. */
function* cut(seed: number, source: Iterable<string>): Generator<string> {
  const rng = createRng(seed ^ 0x9e3779b9);
  for (const sentence of source) {
    const words = sentence.split(/(?=[ \n])(?<! )(?<!\n)/);
    for (let i = 0; i < words.length; i++) {
      let piece = words[i]!;
      if (i + 1 < words.length && rng() < 0.25) piece += words[++i]!;
      yield piece;
    }
  }
}

/**
 * Text of `sentences` sentences, or exactly `pieces` pieces when given
 * (used by the `events` knob for very long streams).
 */
export function makePieces(
  seed: number,
  kind: TextKind,
  topic: string,
  size: { sentences: number } | { pieces: number },
): Pieces {
  const iterate = function* (): Generator<string> {
    if ("pieces" in size) {
      let left = size.pieces;
      if (left <= 0) return;
      for (const p of cut(seed, sentences(seed, kind, topic))) {
        yield p;
        if (--left === 0) return;
      }
      return;
    }
    let left = size.sentences;
    if (left <= 0) return;
    const limited = (function* () {
      for (const s of sentences(seed, kind, topic)) {
        yield s;
        if (--left === 0) return;
      }
    })();
    yield* cut(seed, limited);
  };
  let count = "pieces" in size ? Math.max(0, size.pieces) : -1;
  return {
    [Symbol.iterator]: iterate,
    get count() {
      if (count < 0) {
        count = 0;
        for (const _ of iterate()) count++;
      }
      return count;
    },
    text: () => Array.from(iterate()).join(""),
  };
}

/** Pieces over a fixed list (tool-call arguments are short). */
export function fixedPieces(list: readonly string[]): Pieces {
  return { [Symbol.iterator]: () => list[Symbol.iterator](), count: list.length, text: () => list.join("") };
}

/** Split a string into chunks of 1–`max` characters (never inside a surrogate pair). */
export function chop(rng: Rng, text: string, max = 8): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    const n = int(rng, 1, max);
    out.push(chars.slice(i, i + n).join(""));
    i += n;
  }
  return out;
}
