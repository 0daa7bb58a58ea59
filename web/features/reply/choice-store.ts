import { createStore } from "../../state/store.js";

/** Which choice (`n>1`) the Reply and Thinking panes show. */
export const choiceStore = createStore(0);
