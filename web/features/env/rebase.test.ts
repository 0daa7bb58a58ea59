import { describe, expect, it } from "vitest";
import { type EnvironmentsDoc, SECRET_MASK, type Variable } from "../../api/index.js";
import { rebaseDraft } from "./rebase.js";

const plain = (name: string, value: string): Variable => ({ name, value, secret: false });
const secret = (name: string, value: string): Variable => ({ name, value, secret: true });

/** What the editor sent: a secret typed in, an environment renamed from "local". */
const sent: EnvironmentsDoc = {
  active: "staging",
  environments: [
    {
      name: "staging",
      renamedFrom: "local",
      variables: [plain("base_url", "http://a"), secret("KEY", "sk-typed")],
    },
  ],
};
/** What the server answers: the same, secret masked, renames done. */
const stored: EnvironmentsDoc = {
  active: "staging",
  environments: [{ name: "staging", variables: [plain("base_url", "http://a"), secret("KEY", SECRET_MASK)] }],
};

/** `sent` with the first environment changed by `edit` (the user typing during the save). */
function edited(edit: (vars: Variable[]) => Variable[], name = "staging"): EnvironmentsDoc {
  const env = sent.environments[0]!;
  return { ...sent, environments: [{ ...env, name, variables: edit(structuredClone(env.variables)) }] };
}

describe("rebaseDraft", () => {
  it("adopts the server's answer when nothing was typed during the save", () => {
    expect(rebaseDraft(sent, stored, sent)).toBe(stored);
    expect(rebaseDraft(sent, stored, structuredClone(sent))).toBe(stored);
  });

  it("keeps a value typed during the save, and the stored form of everything else", () => {
    const draft = edited((v) => [plain("base_url", "http://b"), v[1]!]);
    expect(rebaseDraft(sent, stored, draft)).toEqual({
      active: "staging",
      environments: [
        { name: "staging", variables: [plain("base_url", "http://b"), secret("KEY", SECRET_MASK)] },
      ],
    });
  });

  it("keeps variables and environments added during the save", () => {
    const draft = edited((v) => [...v, plain("model", "gpt")]);
    draft.environments.push({ name: "env 2", variables: [plain("x", "1")] });
    const out = rebaseDraft(sent, stored, draft);
    expect(out.environments[0]!.variables).toEqual([
      ...stored.environments[0]!.variables,
      plain("model", "gpt"),
    ]);
    expect(out.environments[1]).toEqual({ name: "env 2", variables: [plain("x", "1")] });
  });

  it("points a masked secret renamed during the save at the name it is stored under now", () => {
    const draft = edited((v) => [v[0]!, { ...v[1]!, name: "API_KEY" }]);
    expect(rebaseDraft(sent, stored, draft).environments[0]!.variables[1]).toEqual({
      name: "API_KEY",
      value: SECRET_MASK,
      secret: true,
      renamedFrom: "KEY",
    });
  });

  it("points an environment renamed during the save at its stored name, not the one before the save", () => {
    const draft = edited((v) => v, "prod");
    expect(draft.environments[0]!.renamedFrom).toBe("local");
    const out = rebaseDraft(sent, stored, draft).environments[0]!;
    expect(out.name).toBe("prod");
    expect(out.renamedFrom).toBe("staging");
    expect(out.variables).toEqual(stored.environments[0]!.variables);
  });

  it("keeps the value the user sees when a just-saved secret is made plain during the save", () => {
    const draft = edited((v) => [v[0]!, { ...v[1]!, secret: false }]);
    expect(rebaseDraft(sent, stored, draft).environments[0]!.variables[1]).toEqual(plain("KEY", "sk-typed"));
  });

  it("keeps a new secret value typed during the save instead of the mask", () => {
    const draft = edited((v) => [v[0]!, { ...v[1]!, value: "sk-newer" }]);
    expect(rebaseDraft(sent, stored, draft).environments[0]!.variables[1]).toEqual(secret("KEY", "sk-newer"));
  });

  it("keeps an active environment chosen during the save", () => {
    const draft = { ...structuredClone(sent), active: null };
    expect(rebaseDraft(sent, stored, draft).active).toBeNull();
  });

  it("keeps what the server has when the draft was typed before the environments loaded", () => {
    const empty: EnvironmentsDoc = { active: null, environments: [] };
    const typed: EnvironmentsDoc = {
      active: "mine",
      environments: [{ name: "mine", variables: [plain("a", "1")] }],
    };
    expect(rebaseDraft(empty, stored, typed).environments.map((e) => e.name)).toEqual(["staging", "mine"]);
  });
});
