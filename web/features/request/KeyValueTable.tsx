import type { Header } from "../../../src/core/capture/types.js";

/** Editable name/value rows (headers, query params); an empty last row adds a new one. */
export function KeyValueTable({
  rows,
  onChange,
  label,
}: {
  rows: readonly Header[];
  onChange: (rows: Header[]) => void;
  label: string;
}) {
  const shown: Header[] = [...rows, ["", ""]];
  const set = (i: number, k: 0 | 1, v: string) => {
    const next = shown.map((r) => [...r] as Header);
    next[i]![k] = v;
    onChange(next.filter(([a, b], j) => j < rows.length || a !== "" || b !== ""));
  };
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  return (
    <table className="kv-table" aria-label={label}>
      <tbody>
        {shown.map(([k, v], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional; names may repeat
          <tr key={i}>
            <td>
              <input
                type="text"
                aria-label={`${label} name ${i + 1}`}
                placeholder="Name"
                value={k}
                onChange={(e) => set(i, 0, e.target.value)}
              />
            </td>
            <td>
              <input
                type="text"
                aria-label={`${label} value ${i + 1}`}
                placeholder="Value"
                value={v}
                onChange={(e) => set(i, 1, e.target.value)}
              />
            </td>
            <td className="narrow">
              {i < rows.length ? (
                <button
                  type="button"
                  className="link"
                  aria-label={`Remove ${k || "row"}`}
                  onClick={() => remove(i)}
                >
                  ×
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
