/**
 * Room for a y axis: the widest tick label ("800,000" at uPlot's 12 px font, about 7.5 px a
 * character) plus the ticks and gap. A fixed size let large counts run under the axis label.
 */
export function yAxisSize(_u: unknown, values: string[] | null): number {
  const widest = Math.max(0, ...(values ?? []).map((v) => String(v ?? "").length));
  return Math.max(40, Math.ceil(20 + widest * 7.5));
}
