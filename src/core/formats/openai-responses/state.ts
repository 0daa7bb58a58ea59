/** What the Responses fold keeps between events. */
import { asString } from "../values.js";
import { createItem, type ItemState, type ReasoningJoin } from "./items.js";
import type { WireItem } from "./wire.js";

export interface ResponsesState {
  /** Items by key (`item.id`, and `#<output_index>` for lookups by index). */
  items: Map<string, ItemState>;
  order: ItemState[];
  join: ReasoningJoin;
  lastSeq: number | null;
  /** A terminal event (or a whole non-stream Response) arrived. */
  terminal: boolean;
  errorSeen: boolean;
  finished: boolean;
  /** The last value emitted per meta key (as `valueChanged` records it), to emit changes only. */
  meta: Map<string, string>;
}

export function initResponses(): ResponsesState {
  return {
    items: new Map(),
    order: [],
    join: { parts: 0 },
    lastSeq: null,
    terminal: false,
    errorSeen: false,
    finished: false,
    meta: new Map(),
  };
}

/** Register an item under its id and its output index. */
export function addItem(state: ResponsesState, wire: WireItem, outputIndex: number | undefined): ItemState {
  const id = asString(wire.id);
  const key = id || `#${outputIndex ?? state.order.length}`;
  const item = createItem(key, asString(wire.type) ?? "unknown");
  item.added = wire;
  state.items.set(key, item);
  if (outputIndex !== undefined) state.items.set(`#${outputIndex}`, item);
  state.order.push(item);
  return item;
}
