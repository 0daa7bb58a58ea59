/** Turn a saved rule into the format the session merges with (JSONPath rules only; scripts run in the sandbox). */
import type { Format } from "../../src/core/formats/types.js";
import { compileRule } from "../../src/core/rules/index.js";
import type { SavedRule } from "../api/index.js";

export function ruleFormat(rule: SavedRule | null | undefined): Format | null {
  if (rule?.kind !== "jsonpath") return null;
  const compiled = compileRule(rule.rule);
  return compiled.ok ? (compiled.rule.format as Format) : null;
}
