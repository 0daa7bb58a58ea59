import { describe, expect, it } from "vitest";
import { yAxisSize } from "./chart-axis.js";

describe("yAxisSize", () => {
  it("grows with the widest tick label, so 800,000 does not run under the axis label", () => {
    const small = yAxisSize(null, ["0", "50", "100"]);
    const large = yAxisSize(null, ["0", "200,000", "400,000", "800,000"]);
    expect(large).toBeGreaterThan(small);
    // Seven characters at about 7.5 px each plus ticks and gap: more than the old fixed 56.
    expect(large).toBeGreaterThan(56);
  });

  it("has a floor before the ticks are known (uPlot asks first with null)", () => {
    expect(yAxisSize(null, null)).toBe(40);
  });
});
