import { useEffect, useRef, useState } from "react";
import { saveDraft } from "../../state/actions.js";
import { collectionsStore, draftStore } from "../../state/app-stores.js";
import { useStore } from "../../state/store.js";
import { usePopover } from "../common/use-popover.js";

/** Save the draft into a collection: a small popover, never a blocking dialog. */
export function SaveRequest() {
  const draft = useStore(draftStore);
  const { collections } = useStore(collectionsStore);
  const { open, setOpen, ref } = usePopover();
  const [name, setName] = useState("");
  const [collection, setCollection] = useState("");
  const current = collections.find((c) => c.requests.some((r) => r.id === draft.savedId));
  const nameField = useRef<HTMLInputElement>(null);
  // Focus the name on open, so typing names the request and Enter saves it (keyboard users
  // were left on the Save button, where Enter closed the popover without saving).
  useEffect(() => {
    if (open) nameField.current?.select();
  }, [open]);
  const canSave = name.trim() !== "" && collection.trim() !== "";
  const save = () => {
    if (!canSave) return;
    void saveDraft(name.trim(), collection.trim());
    setOpen(false);
  };
  return (
    <div className="popover-anchor" ref={ref}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => {
          setName(draft.name || "Untitled request");
          setCollection(current?.name ?? collections[0]?.name ?? "My requests");
          setOpen(!open);
        }}
      >
        Save
      </button>
      {open ? (
        <fieldset className="popover" aria-label="Save request">
          <label>
            Name
            <input
              ref={nameField}
              aria-label="Request name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") save();
              }}
            />
          </label>
          <label>
            Collection
            <input
              aria-label="Collection"
              list="sselens-collections"
              value={collection}
              onChange={(e) => setCollection(e.target.value)}
            />
          </label>
          <datalist id="sselens-collections">
            {collections.map((c) => (
              <option key={c.id} value={c.name} />
            ))}
          </datalist>
          <div className="popover-actions">
            <button type="button" className="primary" disabled={!canSave} onClick={save}>
              Save request
            </button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
