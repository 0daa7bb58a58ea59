/**
 * What the user can do, as plain functions over the stores and the one client.
 * Components call these; they never talk to the server themselves.
 */

import type {
  Collection,
  EnvironmentsDoc,
  Example,
  RequestDraft,
  SavedRequest,
  Template,
} from "../api/index.js";
import { isApiError } from "../api/index.js";
import {
  client,
  collectionsStore,
  currentRunStore,
  type Draft,
  draftStore,
  emptyDraft,
  environmentsStore,
  infoStore,
  noticeStore,
  type ResponseTab,
  runsStore,
  tabStore,
  templatesStore,
} from "./app-stores.js";
import { afterRuleEngine, awaitsRuleEngine, loadRuleEngine, ruleFormat } from "./rule-format.js";
import { RunModel } from "./run-model.js";

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function notify(text: string, error = false): void {
  noticeStore.set({ text, error });
}

/** Load what the sidebar and editors need. Each part fails on its own, visibly. */
export async function loadApp(): Promise<void> {
  const c = client.current;
  await Promise.all([
    c.getInfo().then(infoStore.set, (e) => notify(`Could not load app info: ${message(e)}`, true)),
    c.getTemplates().then(templatesStore.set, (e) => notify(`Could not load templates: ${message(e)}`, true)),
    c
      .getCollections()
      .then(collectionsStore.set, (e) => notify(`Could not load collections: ${message(e)}`, true)),
    c
      .getEnvironments()
      .then(environmentsStore.set, (e) => notify(`Could not load environments: ${message(e)}`, true)),
    refreshRuns(),
  ]);
}

export async function refreshRuns(): Promise<void> {
  try {
    runsStore.set(await client.current.listRuns());
  } catch (e) {
    notify(`Could not list runs: ${message(e)}`, true);
  }
}

export function updateDraft(patch: Partial<Draft>): void {
  draftStore.set((d) => ({ ...d, ...patch }));
}

export function updateRequest(patch: Partial<RequestDraft>): void {
  draftStore.set((d) => ({ ...d, request: { ...d.request, ...patch } }));
}

/** Set the request's timeout in seconds, or remove it (null: no limit). */
export function setRequestTimeout(seconds: number | null): void {
  draftStore.set((d) => {
    const { timeout: _old, ...request } = d.request;
    return { ...d, request: seconds === null ? request : { ...request, timeout: seconds } };
  });
}

/** Send the draft through the local server and show the run as it streams. */
export function send(): void {
  const draft = draftStore.get();
  // A JSONPath rule becomes a format only with the rule engine, a chunk loaded on first use.
  if (awaitsRuleEngine(draft.rule)) {
    loadRuleEngine().then(() => start(draft), ruleEngineFailed);
    return;
  }
  start(draft);
}

function ruleEngineFailed(e: unknown): void {
  notify(`Could not load the rule engine: ${message(e)}`, true);
}

function start(draft: Draft): void {
  const previous = currentRunStore.get();
  previous.cancel?.();
  const custom = ruleFormat(draft.rule);
  const format = custom ?? draft.format;
  const run = new RunModel({
    ...(format ? { format } : {}),
    ...(draft.rule?.kind === "script" ? { script: draft.rule.source } : {}),
  });
  const handle = client.current.run(
    { request: draft.request, ...(draft.savedId ? { savedId: draft.savedId } : {}) },
    { onMessage: afterRuleEngine((m) => run.enqueue(m), ruleEngineFailed) },
  );
  currentRunStore.set({ run, cancel: () => void handle.cancel().catch(() => {}), error: null });
  handle.id.then(
    () => void refreshRuns(),
    () => {},
  );
  handle.done.then(
    () => {
      if (currentRunStore.get().run === run) currentRunStore.set({ run, cancel: null, error: null });
      void refreshRuns();
    },
    (e) => {
      if (currentRunStore.get().run !== run) return;
      const text = isApiError(e) ? e.message : `The run failed: ${message(e)}`;
      currentRunStore.set({ run: null, cancel: null, error: text });
    },
  );
}

export function cancel(): void {
  currentRunStore.get().cancel?.();
}

/** Re-open a finished run: re-merged from its capture, exactly as it was. */
export async function openRun(id: string): Promise<void> {
  const cur = currentRunStore.get().run;
  if (cur?.id === id) return;
  try {
    const loaded = await client.current.getRun(id);
    if (awaitsRuleEngine(loaded.options?.rule)) await loadRuleEngine().catch(ruleEngineFailed);
    const run = RunModel.fromCapture(loaded);
    currentRunStore.set({ run, cancel: null, error: null });
    const req = loaded.capture.request;
    draftStore.set((d) => ({
      ...d,
      request: { method: req.method, url: req.url, headers: req.headers, body: req.body },
    }));
  } catch (e) {
    notify(`Could not open run ${id}: ${message(e)}`, true);
  }
}

/** Re-merge the current run with another format or rule (Rules tab, format selector). */
export function remerge(override: ConstructorParameters<typeof RunModel>[0]): void {
  const cur = currentRunStore.get();
  if (!cur.run || cur.run.streaming) return;
  currentRunStore.set({ ...cur, run: RunModel.fromCapture(cur.run.toLoaded(), override) });
}

export function loadExample(ex: Example): void {
  draftStore.set({ ...emptyDraft(), request: structuredClone(ex.request), name: ex.name });
}

export function loadTemplate(t: Template, mock: boolean): void {
  draftStore.set({
    ...emptyDraft(),
    request: structuredClone(mock ? t.mock : t.request),
    name: t.name,
    format: null,
  });
}

export function openSaved(saved: SavedRequest): void {
  draftStore.set({
    request: structuredClone(saved.request),
    savedId: saved.id,
    name: saved.name,
    format: saved.format ?? null,
    rule: saved.rule ?? null,
  });
}

function newId(): string {
  return crypto.randomUUID();
}

/** Save the draft into a collection (a new one named `collectionName` when none matches). */
export async function saveDraft(name: string, collectionName: string): Promise<void> {
  const draft = draftStore.get();
  const doc = structuredClone(collectionsStore.get());
  const id = draft.savedId ?? newId();
  const saved: SavedRequest = {
    id,
    name,
    request: draft.request,
    ...(draft.format ? { format: draft.format } : {}),
    ...(draft.rule ? { rule: draft.rule } : {}),
  };
  for (const c of doc.collections) c.requests = c.requests.filter((r) => r.id !== id);
  let col: Collection | undefined = doc.collections.find((c) => c.name === collectionName);
  if (!col) {
    col = { id: newId(), name: collectionName, requests: [] };
    doc.collections.push(col);
  }
  col.requests.push(saved);
  doc.collections = doc.collections.filter((c) => c.requests.length > 0);
  try {
    collectionsStore.set(await client.current.saveCollections(doc));
    draftStore.set((d) => ({ ...d, savedId: id, name }));
    notify(`Saved “${name}” in ${collectionName}`);
  } catch (e) {
    notify(`Could not save: ${message(e)}`, true);
  }
}

export async function deleteSaved(id: string): Promise<void> {
  const doc = structuredClone(collectionsStore.get());
  for (const c of doc.collections) c.requests = c.requests.filter((r) => r.id !== id);
  doc.collections = doc.collections.filter((c) => c.requests.length > 0);
  try {
    collectionsStore.set(await client.current.saveCollections(doc));
    if (draftStore.get().savedId === id) updateDraft({ savedId: null });
  } catch (e) {
    notify(`Could not delete: ${message(e)}`, true);
  }
}

export async function saveEnvironments(doc: EnvironmentsDoc): Promise<void> {
  try {
    environmentsStore.set(await client.current.saveEnvironments(doc));
    notify("Environments saved");
  } catch (e) {
    notify(`Could not save environments: ${message(e)}`, true);
  }
}

export function showTab(tab: ResponseTab): void {
  tabStore.set(tab);
}
