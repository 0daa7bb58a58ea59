/**
 * Custom formats: JSONPath rules (browser-safe) and the script sandbox's protocol.
 * See docs/rules.md.
 */

export type { CompiledRule, CompileResult } from "./compile.js";
export { compileRule, parseRule } from "./compile.js";
export { createPathEnvironment } from "./environment.js";
export type { RuleState } from "./fold.js";
export type { IRegexp } from "./iregexp.js";
export { compileIRegexp, MAX_INPUT, MAX_STATES, MAX_STEPS } from "./iregexp.js";
export type { RuleMark, RuleMarkReason, RuleSummary } from "./marks.js";
export { isRuleMark, RULE_META_KEY, ruleMark } from "./marks.js";
export type { PathError, PathResult } from "./path.js";
export { compilePath, formatPathError } from "./path.js";
export type { SandboxPort } from "./script-client.js";
export { createScriptRunnerOverPort, STARTUP_MS, WATCHDOG_GRACE_MS } from "./script-client.js";
export { DEFAULT_SCRIPT_LIMITS, resolveLimits, wasmMemoryPages } from "./script-limits.js";
export { mergeScriptOutputs, scriptProblemDeltas, scriptStepDeltas } from "./script-merge.js";
export type {
  SandboxRequest,
  SandboxResponse,
  ScriptEnd,
  ScriptEventInput,
  ScriptLimitName,
  ScriptLimits,
  ScriptLog,
  ScriptOutput,
  ScriptProblem,
  ScriptReady,
  ScriptRunner,
  ScriptStep,
} from "./script-protocol.js";
export type { QuickJSLoader } from "./script-sandbox.js";
export { createSandboxHandler } from "./script-sandbox.js";
export type { RuleFieldError, RuleSpec } from "./spec.js";
