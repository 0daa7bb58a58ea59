/**
 * Keeping the Environment editor's draft when the server answers a save: what was typed while
 * the save was in flight is replayed onto the stored doc instead of being wiped.
 */
import { type Environment, type EnvironmentsDoc, SECRET_MASK, type Variable } from "../../api/index.js";

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The draft to show once the server has stored `sent` and answered `stored`.
 *
 * The answer is `sent` as the server keeps it, position for position: secret values come back
 * masked and `renamedFrom` is gone. A draft still equal to `sent` simply becomes `stored`. A
 * draft edited since keeps those edits, laid over `stored`: untouched values take the stored
 * form (a secret its mask), and a rename made since points `renamedFrom` at the name the thing
 * is now stored under, so the next save finds its secret. Environments and variables added
 * since are kept as they are.
 */
export function rebaseDraft(
  sent: EnvironmentsDoc,
  stored: EnvironmentsDoc,
  draft: EnvironmentsDoc,
): EnvironmentsDoc {
  if (same(draft, sent)) return stored;
  return {
    active: draft.active === sent.active ? stored.active : draft.active,
    environments: draft.environments.map((env, i) => {
      const was = sent.environments[i];
      const now = stored.environments[i];
      return was && now ? rebaseEnvironment(was, now, env) : env;
    }),
  };
}

function rebaseEnvironment(sent: Environment, stored: Environment, draft: Environment): Environment {
  if (same(draft, sent)) return stored;
  const variables = draft.variables.map((v, j) => {
    const was = sent.variables[j];
    const now = stored.variables[j];
    return was && now ? rebaseVariable(was, now, v) : v;
  });
  return draft.name === sent.name
    ? { name: stored.name, variables }
    : { name: draft.name, variables, renamedFrom: stored.name };
}

function rebaseVariable(sent: Variable, stored: Variable, draft: Variable): Variable {
  if (same(draft, sent)) return stored;
  // A value left alone takes its stored form (a secret's mask) unless its secrecy changed:
  // a secret made plain keeps the value the user sees, never the mask.
  const untouched = draft.value === sent.value && draft.secret === sent.secret;
  const next: Variable = {
    name: draft.name,
    value: untouched ? stored.value : draft.value,
    secret: draft.secret,
  };
  // A masked secret renamed since is found on the next save under the name it is stored under now.
  if (next.secret && next.value === SECRET_MASK && draft.name !== sent.name) next.renamedFrom = stored.name;
  return next;
}
