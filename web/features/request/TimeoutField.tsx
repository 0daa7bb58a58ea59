import { useId } from "react";
import { MAX_TIMEOUT_SECONDS } from "../../api/index.js";
import { setRequestTimeout } from "../../state/actions.js";

const HINT = `Seconds the whole exchange may take, like curl --max-time; what arrived by then is kept. Above 0, at most ${MAX_TIMEOUT_SECONDS}. Empty: no limit.`;

/**
 * The request's timeout in seconds, saved with it. An out-of-range number is kept as typed and
 * marked invalid: the server refuses it on Send or Save with a message saying why.
 */
export function TimeoutField({ value }: { value: number | undefined }) {
  const id = useId();
  const invalid = value !== undefined && !(value > 0 && value <= MAX_TIMEOUT_SECONDS);
  return (
    <span className="timeout-field" title={HINT}>
      <label htmlFor={id}>Timeout</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={0}
        max={MAX_TIMEOUT_SECONDS}
        step="any"
        placeholder="none"
        aria-label="Timeout (seconds)"
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        value={value ?? ""}
        onChange={(e) => {
          const n = e.target.valueAsNumber;
          setRequestTimeout(e.target.value === "" || Number.isNaN(n) ? null : n);
        }}
      />
      <span aria-hidden="true">s</span>
      <span id={`${id}-hint`} className="visually-hidden">
        {HINT}
      </span>
    </span>
  );
}
