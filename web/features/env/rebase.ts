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
 * since are kept as they are, after any the server has that `sent` lacked (when `sent` is the
 * doc the editor opened with and `stored` the answer to the page's first load).
 */
export function rebaseDraft(
  sent: EnvironmentsDoc,
  stored: EnvironmentsDoc,
  draft: EnvironmentsDoc,
): EnvironmentsDoc {
  if (same(draft, sent)) return stored;
  return {
    active: draft.active === sent.active ? stored.active : draft.active,
    environments: rebaseList(sent.environments, stored.environments, draft.environments, rebaseEnvironment),
  };
}

/**
 * Lists line up by position (the editor only appends). Items the draft had when it was sent are
 * rebased one by one; items stored beyond those (an answer to a load, not to this save) come
 * next, so they are never dropped; items the user added since come last.
 */
function rebaseList<T>(sent: T[], stored: T[], draft: T[], rebase: (sent: T, stored: T, draft: T) => T): T[] {
  const known = draft.slice(0, sent.length).map((item, i) => {
    const was = sent[i];
    const now = stored[i];
    return was !== undefined && now !== undefined ? rebase(was, now, item) : item;
  });
  return [...known, ...stored.slice(sent.length), ...draft.slice(sent.length)];
}

function rebaseEnvironment(sent: Environment, stored: Environment, draft: Environment): Environment {
  if (same(draft, sent)) return stored;
  const variables = rebaseList(sent.variables, stored.variables, draft.variables, rebaseVariable);
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
