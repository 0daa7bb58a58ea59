/**
 * A string built from many small appends. `s += piece` per event leaves a chain of one cons
 * string per piece, and every one of them survives the young-generation collections until the
 * end of the stream (on a 70,000-event body that is most of what the collector copies). Here
 * pieces wait in a small array and are joined into one flat block every BLOCK appends.
 */

/** Pieces joined per block. */
const BLOCK = 256;
/** A piece this long is appended as it is: joining would copy it, and it makes few cons strings anyway. */
const LARGE = 1024;

export interface TextBuilder {
  append(piece: string): void;
  /** Everything appended so far. */
  value(): string;
}

/**
 * Create an empty text.
 *
 * @example
 * const t = createText();
 * t.append("Hel");
 * t.append("lo");
 * t.value(); // "Hello"
 */
export function createText(): TextBuilder {
  let joined = "";
  const recent: string[] = [];
  const flush = () => {
    joined += recent.join("");
    recent.length = 0;
  };
  return {
    append(piece) {
      if (piece.length >= LARGE) {
        if (recent.length > 0) flush();
        joined += piece;
      } else if (recent.push(piece) === BLOCK) flush();
    },
    value() {
      if (recent.length > 0) flush();
      return joined;
    },
  };
}
