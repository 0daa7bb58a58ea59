import { describe, expect, it } from "vitest";
import { createText } from "./text.js";

describe("createText", () => {
  it("equals plain concatenation across block boundaries, read at any point", () => {
    const t = createText();
    let expected = "";
    for (let i = 0; i < 2000; i++) {
      const piece = i % 7 === 0 ? "" : i % 101 === 0 ? "x".repeat(2000 + i) : `${i},`;
      t.append(piece);
      expected += piece;
      if (i % 333 === 0) expect(t.value()).toBe(expected);
    }
    expect(t.value()).toBe(expected);
    expect(t.value()).toBe(expected);
  });

  it("starts empty", () => {
    expect(createText().value()).toBe("");
  });
});
