/**
 * Turn a saved rule into the format the session merges with (JSONPath rules only; scripts run
 * in the sandbox). The rule engine (json-p3 and `src/core/rules`) is a chunk of its own,
 * loaded only once a run or the Rules tab needs it; the first screen does without it.
 */
import type { Format } from "../../src/core/formats/types.js";
import type { ClientMessage, SavedRule } from "../api/index.js";

type RuleEngine = typeof import("../../src/core/rules/index.js");

let engine: RuleEngine | null = null;
let loading: Promise<RuleEngine> | null = null;

/** Load the rule engine (once; later calls share the first load). */
export function loadRuleEngine(): Promise<RuleEngine> {
  loading ??= import("../../src/core/rules/index.js").then(
    (m) => {
      engine = m;
      return m;
    },
    (e: unknown) => {
      loading = null; // let a later run try again
      throw e;
    },
  );
  return loading;
}

/** Whether `rule` can only be turned into a format once the rule engine has loaded. */
export function awaitsRuleEngine(rule: SavedRule | null | undefined): boolean {
  return rule?.kind === "jsonpath" && engine === null;
}

/**
 * The format a JSONPath rule compiles to; null for no rule, a script, a rule that does not
 * compile, or (after a failed load, already reported) no rule engine.
 */
export function ruleFormat(rule: SavedRule | null | undefined): Format | null {
  if (rule?.kind !== "jsonpath" || engine === null) return null;
  const compiled = engine.compileRule(rule.rule);
  return compiled.ok ? (compiled.rule.format as Format) : null;
}

/**
 * Hand a run's messages on in order, holding them from a `start` whose saved rule needs the
 * rule engine until it has loaded (the session is created, with its format, on the next
 * message). `failed` hears a load failure; the run then merges without the rule.
 */
export function afterRuleEngine(
  enqueue: (m: ClientMessage) => void,
  failed: (e: unknown) => void,
): (m: ClientMessage) => void {
  let held: ClientMessage[] | null = null;
  const flush = () => {
    const messages = held ?? [];
    held = null;
    for (const m of messages) enqueue(m);
  };
  return (m) => {
    if (held) {
      held.push(m);
      return;
    }
    if (m.type === "start" && awaitsRuleEngine(m.options?.rule)) {
      held = [m];
      loadRuleEngine().then(flush, (e: unknown) => {
        failed(e);
        flush();
      });
      return;
    }
    enqueue(m);
  };
}
