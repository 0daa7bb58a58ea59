import { useState } from "react";
import { joinUrl, splitUrl } from "../../lib/query-params.js";
import { cancel, send, updateRequest } from "../../state/actions.js";
import { currentRunStore, draftStore } from "../../state/app-stores.js";
import { useStore } from "../../state/store.js";
import { useRunVersion } from "../../state/use-run.js";
import { Tabs } from "../common/Tabs.js";
import { EnvironmentEditor } from "../env/EnvironmentEditor.js";
import { BodyEditor } from "./BodyEditor.js";
import { CurlTools } from "./CurlTools.js";
import { KeyValueTable } from "./KeyValueTable.js";
import { SaveRequest } from "./SaveRequest.js";
import { TimeoutField } from "./TimeoutField.js";

const METHODS = ["POST", "GET", "PUT", "PATCH", "DELETE"];
type EditorTab = "body" | "headers" | "params" | "env";

/** Method, URL, Send/Cancel, and the tabs that edit the rest of the request. */
export function RequestEditor() {
  const draft = useStore(draftStore);
  const { run, cancel: canCancel } = useStore(currentRunStore);
  useRunVersion(run);
  const [tab, setTab] = useState<EditorTab>("body");
  const req = draft.request;
  const { base, params, hash } = splitUrl(req.url);
  const streaming = canCancel !== null && (run === null || run.streaming);

  return (
    <section
      className="request"
      aria-label="Request"
      onKeyDown={(e) => {
        // Ctrl/Cmd+Enter sends from anywhere in the editor (the body included).
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          if (streaming) cancel();
          else if (req.url.trim() !== "") send();
        }
      }}
    >
      <form
        className="url-bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (streaming) cancel();
          else send();
        }}
      >
        <select
          aria-label="Method"
          value={req.method}
          onChange={(e) => updateRequest({ method: e.target.value })}
        >
          {[...new Set([req.method, ...METHODS])].map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          className="url-input"
          aria-label="URL"
          placeholder="https://api.openai.com/v1/chat/completions   (or paste a curl command)"
          spellCheck={false}
          value={req.url}
          onChange={(e) => updateRequest({ url: e.target.value })}
          onPaste={(e) => {
            const text = e.clipboardData.getData("text");
            if (/^\s*curl\s/.test(text)) {
              e.preventDefault();
              CurlTools.importText(text);
            }
          }}
        />
        <TimeoutField value={req.timeout} />
        {streaming ? (
          <button type="submit" className="danger">
            Cancel
          </button>
        ) : (
          <button
            type="submit"
            className="primary"
            disabled={req.url.trim() === ""}
            title="Send (Ctrl+Enter)"
          >
            Send
          </button>
        )}
        <SaveRequest />
        <CurlTools />
      </form>
      <Tabs
        label="Request parts"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: "body", label: "Body" },
          { id: "headers", label: `Headers${req.headers.length ? ` (${req.headers.length})` : ""}` },
          { id: "params", label: `Params${params.length ? ` (${params.length})` : ""}` },
          { id: "env", label: "Environment" },
        ]}
      />
      <div className="request-pane" role="tabpanel">
        {tab === "body" ? (
          <BodyEditor value={req.body ?? ""} onChange={(body) => updateRequest({ body })} />
        ) : null}
        {tab === "headers" ? (
          <KeyValueTable
            label="Header"
            rows={req.headers}
            onChange={(headers) => updateRequest({ headers })}
          />
        ) : null}
        {tab === "params" ? (
          <KeyValueTable
            label="Query parameter"
            rows={params}
            onChange={(p) => updateRequest({ url: joinUrl(base, p, hash) })}
          />
        ) : null}
        {tab === "env" ? <EnvironmentEditor /> : null}
      </div>
      {draft.name ? <div className="visually-hidden">Editing {draft.name}</div> : null}
    </section>
  );
}
