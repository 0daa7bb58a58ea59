import { describe, expect, it } from "vitest";
import { anomaly, segmentDeltas, tokenTotal, valueChanged } from "./deltas.js";

describe("shared delta builders", () => {
  it("anomaly carries the event index only when given one", () => {
    expect(anomaly("out-of-order", "m")).toStrictEqual({
      kind: "anomaly",
      anomaly: { code: "out-of-order", message: "m" },
    });
    expect(anomaly("out-of-order", "m", 0)).toStrictEqual({
      kind: "anomaly",
      anomaly: { code: "out-of-order", message: "m", event: 0 },
    });
  });

  it("tokenTotal adds the sides that were sent, and is null when none was", () => {
    expect(tokenTotal(3, 4)).toBe(7);
    expect(tokenTotal(3, null)).toBe(3);
    expect(tokenTotal(null, null)).toBeNull();
  });

  it("valueChanged is true for a new or different value, false for a repeat", () => {
    const sent = new Map<string, string>();
    expect(valueChanged(sent, "model", "m")).toBe(true);
    expect(valueChanged(sent, "model", "m")).toBe(false);
    expect(valueChanged(sent, "model", "n")).toBe(true);
    expect(valueChanged(sent, "feedback", { a: 1 })).toBe(true);
    expect(valueChanged(sent, "feedback", { a: 1 })).toBe(false);
  });

  it("segmentDeltas keeps non-empty text and reports a stray closing tag where it happened", () => {
    const out = segmentDeltas(
      [
        { kind: "content", text: "a" },
        { kind: "reasoning", text: "" },
        { kind: "stray-close", tag: "</think>" },
      ],
      1,
      "choice 1: ",
      4,
    );
    expect(out[0]).toEqual({ kind: "content", choice: 1, text: "a" });
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ kind: "anomaly", anomaly: { code: "out-of-order", event: 4 } });
    expect(out[1]?.kind === "anomaly" && out[1].anomaly.message.startsWith("choice 1: </think> ")).toBe(true);
  });
});
