import { describe, expect, it } from "vitest";
import { filteredRows, type RowFacts, rowMatches } from "./timeline-filter.js";

const rows: RowFacts[] = [
  { type: "message", phase: "reasoning", texts: ["message", "Let me think"] },
  { type: "message", phase: "answer", texts: ["message", "Hello World"] },
  { type: null, phase: null, texts: ["keep-alive"] },
  { type: "done", phase: "other", texts: ["done", "[DONE]"] },
];

describe("timeline filter", () => {
  it("matches text case-insensitively, by type and by phase", () => {
    expect(rowMatches({ text: "world", types: [], phases: [] }, rows[1]!)).toBe(true);
    expect(rowMatches({ text: "", types: ["done"], phases: [] }, rows[1]!)).toBe(false);
    expect(rowMatches({ text: "", types: [], phases: ["reasoning"] }, rows[0]!)).toBe(true);
    expect(rowMatches({ text: "", types: [], phases: ["answer"] }, rows[2]!)).toBe(false);
  });
  it("takes the search text literally, not as a pattern", () => {
    expect(rowMatches({ text: "[DONE]", types: [], phases: [] }, rows[3]!)).toBe(true);
    expect(rowMatches({ text: "[DONE]", types: [], phases: [] }, rows[1]!)).toBe(false);
    expect(rowMatches({ text: ".*", types: [], phases: [] }, rows[1]!)).toBe(false);
  });
  it("extends incrementally without re-testing earlier rows", () => {
    const seen: number[] = [];
    const f = filteredRows({ text: "", types: ["message"], phases: [] });
    const facts = (i: number) => {
      seen.push(i);
      return rows[i]!;
    };
    expect(f.extend(2, facts)).toBe(true);
    expect(f.extend(4, facts)).toBe(true);
    expect(f.indices).toEqual([0, 1]);
    expect(seen).toEqual([0, 1, 2, 3]);
  });
  it("stops at the deadline and resumes where it stopped", () => {
    const many = Array.from({ length: 1000 }, (_, i) => rows[i % 4]!);
    const f = filteredRows({ text: "hello", types: [], phases: [] });
    let clock = 0;
    const now = () => clock++;
    // The clock passes the deadline at the first check (after 256 rows).
    expect(f.extend(1000, (i) => many[i]!, 0, now)).toBe(false);
    expect(f.scanned).toBe(256);
    expect(f.extend(1000, (i) => many[i]!)).toBe(true);
    expect(f.indices.length).toBe(250);
  });
});
