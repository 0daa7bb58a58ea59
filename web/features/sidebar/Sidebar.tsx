import { useState } from "react";
import { deleteSaved, loadExample, loadTemplate, openRun, openSaved, send } from "../../state/actions.js";
import {
  collectionsStore,
  currentRunStore,
  draftStore,
  infoStore,
  runsStore,
  templatesStore,
} from "../../state/app-stores.js";
import { openCaptureFile } from "../../state/capture-file.js";
import { useStore } from "../../state/store.js";

function pathOf(url: string): string {
  const m = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(url);
  return m ? m[1] || "/" : url;
}

function Group({
  title,
  children,
  initiallyOpen = true,
}: {
  title: string;
  children: React.ReactNode;
  initiallyOpen?: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <div className="side-group">
      <button type="button" className="side-title" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"} {title}
      </button>
      {open ? children : null}
    </div>
  );
}

/** Ready-made requests, provider templates, saved collections and the runs since the app started. */
export function Sidebar() {
  const info = useStore(infoStore);
  const templates = useStore(templatesStore);
  const { collections } = useStore(collectionsStore);
  const runs = useStore(runsStore);
  const { run } = useStore(currentRunStore);
  const draft = useStore(draftStore);
  return (
    <nav className="sidebar" aria-label="Sidebar">
      <Group title="Try it (built-in mock)">
        <ul className="side-list" aria-label="Examples">
          {(info?.examples ?? []).map((ex) => (
            <li key={ex.id}>
              <button
                type="button"
                className="side-item"
                title={ex.description}
                onClick={() => {
                  loadExample(ex);
                  send();
                }}
              >
                <span className="side-name">{ex.name}</span>
                <span className="side-sub">{ex.description}</span>
              </button>
            </li>
          ))}
          {info && info.examples.length === 0 ? <li className="muted">No examples</li> : null}
          {!info ? <li className="muted">Loading…</li> : null}
        </ul>
      </Group>
      <Group title="Collections">
        {collections.length === 0 ? (
          <p className="side-hint muted">Save a request to keep it here across restarts.</p>
        ) : null}
        {collections.map((c) => (
          <div key={c.id} className="collection">
            <div className="collection-name">{c.name}</div>
            <ul className="side-list" aria-label={c.name}>
              {c.requests.map((r) => (
                <li key={r.id} className={draft.savedId === r.id ? "current" : ""}>
                  <button type="button" className="side-item" onClick={() => openSaved(r)}>
                    <span className="side-name">
                      <span className="method">{r.request.method}</span> {r.name}
                    </span>
                  </button>
                  <button
                    type="button"
                    className="link side-del"
                    aria-label={`Delete ${r.name}`}
                    onClick={() => void deleteSaved(r.id)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Group>
      <Group title={`Runs (${runs.length})`}>
        <ul className="side-list" aria-label="Runs">
          {[...runs].reverse().map((r) => (
            <li key={r.id} className={run?.id === r.id ? "current" : ""}>
              <button type="button" className="side-item run-item" onClick={() => void openRun(r.id)}>
                <span className={`badge ${r.status === null ? "" : r.status >= 400 ? "bad" : "ok"}`}>
                  {r.status ?? (r.end === null ? "…" : "✕")}
                </span>
                <span className="side-name">
                  <span className="method">{r.method}</span> {pathOf(r.url)}
                </span>
                <span className="side-sub">
                  {new Date(r.startedAt).toLocaleTimeString()}
                  {r.end && r.end !== "complete" ? ` · ${r.end}` : ""}
                </span>
              </button>
            </li>
          ))}
          {runs.length === 0 ? (
            <li className="side-hint muted">Runs since the app started appear here.</li>
          ) : null}
        </ul>
      </Group>
      <div className="side-group side-file">
        <label className="link">
          Open a capture file…
          <input
            type="file"
            className="visually-hidden"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void openCaptureFile(file);
              e.target.value = "";
            }}
          />
        </label>
      </div>
      <Group title="Provider templates" initiallyOpen={false}>
        <ul className="side-list" aria-label="Provider templates">
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className="side-item"
                onClick={() => loadTemplate(t, false)}
                title={`Needs ${t.variables.join(", ") || "no key"}`}
              >
                <span className="side-name">{t.name}</span>
              </button>
              <button
                type="button"
                className="link side-mock"
                onClick={() => loadTemplate(t, true)}
                aria-label={`${t.name} on the mock`}
              >
                mock
              </button>
            </li>
          ))}
        </ul>
      </Group>
    </nav>
  );
}
