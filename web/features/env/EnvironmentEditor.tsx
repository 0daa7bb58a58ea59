import { useEffect, useRef, useState } from "react";
import type { EnvironmentsDoc, Variable } from "../../api/index.js";
import { SECRET_MASK } from "../../api/index.js";
import { saveEnvironments } from "../../state/actions.js";
import { environmentsStore } from "../../state/app-stores.js";
import { useStore } from "../../state/store.js";
import { rebaseDraft } from "./rebase.js";

/**
 * Environments and their `{{variables}}`. Secret values are never shown: the server sends
 * them masked, and the page only ever sends a new value or the mask back.
 */
export function EnvironmentEditor() {
  const stored = useStore(environmentsStore);
  const [doc, setDoc] = useState<EnvironmentsDoc>(stored);
  // What the draft was last in step with: the doc loaded, or the doc a save sent. When the
  // server's answer arrives, edits made since (during the save) are replayed onto it, not wiped.
  const base = useRef(stored);
  useEffect(() => {
    const from = base.current;
    base.current = stored;
    setDoc((draft) => rebaseDraft(from, stored, draft));
  }, [stored]);
  const [selected, setSelected] = useState<string | null>(
    stored.active ?? stored.environments[0]?.name ?? null,
  );
  const env = doc.environments.find((e) => e.name === selected) ?? null;
  const dirty = JSON.stringify(doc) !== JSON.stringify(stored);

  const setVars = (variables: Variable[]) =>
    setDoc({
      ...doc,
      environments: doc.environments.map((e) => (e.name === selected ? { ...e, variables } : e)),
    });
  const addEnv = () => {
    let name = "local";
    for (let i = 2; doc.environments.some((e) => e.name === name); i++) name = `env ${i}`;
    setDoc({ active: doc.active ?? name, environments: [...doc.environments, { name, variables: [] }] });
    setSelected(name);
  };
  // Renaming: the server finds a masked secret by the names it is stored under (`renamedFrom`).
  const renameEnv = (name: string) => {
    if (!env) return;
    setDoc({
      active: doc.active === env.name ? name : doc.active,
      environments: doc.environments.map((e) =>
        e === env ? { ...e, name, renamedFrom: e.renamedFrom ?? e.name } : e,
      ),
    });
    setSelected(name);
  };
  const rows: Variable[] = env ? [...env.variables, { name: "", value: "", secret: false }] : [];
  const setRow = (i: number, patch: Partial<Variable>) => {
    const next = rows.map((r, j) => (j === i ? withPatch(r, patch) : r));
    setVars(next.filter((r, j) => j < rows.length - 1 || r.name !== "" || r.value !== ""));
  };

  return (
    <div className="env-editor">
      <div className="env-bar">
        <label>
          Environment{" "}
          <select
            aria-label="Environment"
            value={selected ?? ""}
            onChange={(e) => setSelected(e.target.value || null)}
          >
            {doc.environments.length === 0 ? <option value="">(none)</option> : null}
            {doc.environments.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
                {e.name === doc.active ? " (active)" : ""}
              </option>
            ))}
          </select>
        </label>
        {env && env.name !== doc.active ? (
          <button type="button" onClick={() => setDoc({ ...doc, active: env.name })}>
            Make active
          </button>
        ) : null}
        <button type="button" onClick={addEnv}>
          New environment
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          disabled={!dirty}
          onClick={() => {
            base.current = doc;
            void saveEnvironments(doc);
          }}
        >
          Save environments
        </button>
      </div>
      {env ? (
        <label className="env-name">
          Name{" "}
          <input
            type="text"
            aria-label="Environment name"
            value={env.name}
            onChange={(e) => renameEnv(e.target.value)}
          />
        </label>
      ) : null}
      {env ? (
        <table className="kv-table" aria-label="Variables">
          <tbody>
            {rows.map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional while names are edited
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    aria-label={`Variable name ${i + 1}`}
                    placeholder="base_url"
                    value={v.name}
                    onChange={(e) => setRow(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type={v.secret ? "password" : "text"}
                    aria-label={`Variable value ${i + 1}`}
                    placeholder={v.secret ? "secret value" : "value"}
                    autoComplete="off"
                    value={v.value}
                    onFocus={(e) => {
                      if (v.secret && v.value === SECRET_MASK) e.currentTarget.select();
                    }}
                    onChange={(e) => setRow(i, { value: e.target.value })}
                  />
                </td>
                <td className="narrow">
                  <label>
                    <input
                      type="checkbox"
                      checked={v.secret}
                      onChange={(e) => setRow(i, { secret: e.target.checked })}
                    />{" "}
                    secret
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          No environment yet. Variables fill <code>{"{{name}}"}</code> in the URL, headers and body; secrets
          stay on your machine, masked here.
        </p>
      )}
    </div>
  );
}

/**
 * A row edit. A masked secret keeps pointing at its stored value when its name changes, and
 * loses the mask when it stops being secret (the stored value is never sent to the page, so it
 * has to be typed again to be kept in the clear).
 */
function withPatch(row: Variable, patch: Partial<Variable>): Variable {
  const masked = row.secret && row.value === SECRET_MASK;
  const next = { ...row, ...patch };
  if (masked && patch.name !== undefined && patch.name !== row.name)
    next.renamedFrom = row.renamedFrom ?? row.name;
  if (masked && patch.secret === false) {
    next.value = "";
    delete next.renamedFrom;
  }
  return next;
}
