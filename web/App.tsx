import { useEffect } from "react";
import { RequestEditor } from "./features/request/RequestEditor.js";
import { ResponsePanel } from "./features/response/ResponsePanel.js";
import { Sidebar } from "./features/sidebar/Sidebar.js";
import { loadApp } from "./state/actions.js";
import { infoStore, noticeStore } from "./state/app-stores.js";
import { useStore } from "./state/store.js";

export function App() {
  const notice = useStore(noticeStore);
  const info = useStore(infoStore);
  useEffect(() => {
    void loadApp();
  }, []);
  useEffect(() => {
    if (!notice || notice.error) return;
    const t = setTimeout(() => noticeStore.set(null), 4000);
    return () => clearTimeout(t);
  }, [notice]);
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          sselens
        </div>
        <span className="muted">see your LLM streams</span>
        <span className="spacer" />
        {notice ? (
          <output className={`notice${notice.error ? " error" : ""}`} title={notice.text}>
            {notice.text}
          </output>
        ) : null}
        {notice?.error ? (
          // Errors stay until read (a long one is clipped, its title has all of it); this clears it.
          <button
            type="button"
            className="link notice-dismiss"
            aria-label="Dismiss message"
            onClick={() => noticeStore.set(null)}
          >
            ×
          </button>
        ) : null}
        {info ? <span className="muted">v{info.version}</span> : null}
      </header>
      <Sidebar />
      <main className="main">
        <RequestEditor />
        <ResponsePanel />
      </main>
    </div>
  );
}
