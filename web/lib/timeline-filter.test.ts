import { describe, expect, it } from "vitest";
import { filteredRows, type RowFacts, rowMatches } from "./timeline-filter.js";

const rows: RowFacts[] = [
  { type: "message", phase: "reasoning", text: "Let me think" },
  { type: "message", phase: "answer", text: "Hello World" },
  { type: null, phase: null, text: "keep-alive" },
  { type: "done", phase: "other", text: "[DONE]" },
];

describe("timeline filter", () => {
  it("matches text case-insensitively, by type and by phase", () => {
    expect(rowMatches({ text: "world", types: [], phases: [] }, rows[1]!)).toBe(true);
    expect(rowMatches({ text: "", types: ["done"], phases: [] }, rows[1]!)).toBe(false);
    expect(rowMatches({ text: "", types: [], phases: ["reasoning"] }, rows[0]!)).toBe(true);
    expect(rowMatches({ text: "", types: [], phases: ["answer"] }, rows[2]!)).toBe(false);
  });
  it("extends incrementally without re-testing earlier rows", () => {
    const seen: number[] = [];
    const f = filteredRows({ text: "", types: ["message"], phases: [] });
    const facts = (i: number) => {
      seen.push(i);
      return rows[i]!;
    };
    f.extend(2, facts);
    f.extend(4, facts);
    expect(f.indices).toEqual([0, 1]);
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});
