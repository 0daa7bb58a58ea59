import { lazy } from "react";
import { showTab } from "../../state/actions.js";
import { currentRunStore, tabStore } from "../../state/app-stores.js";
import { useStore } from "../../state/store.js";
import { useRunVersion } from "../../state/use-run.js";
import { LazyPane } from "../common/LazyPane.js";
import { Tabs } from "../common/Tabs.js";
import { RawView } from "../raw/RawView.js";
import { ReplyPane } from "../reply/ReplyPane.js";
import { ThinkingPane } from "../reply/ThinkingPane.js";
import { Timeline } from "../timeline/Timeline.js";
import { ErrorBanner } from "./ErrorBanner.js";
import { ExportCapture } from "./ExportCapture.js";
import { SummaryStrip } from "./SummaryStrip.js";

// Metrics (uPlot) and Rules (the rule editor, JSONPath) are not on the first screen: their
// code loads when the tab is first opened.
const MetricsView = lazy(() => import("../metrics/MetricsView.js").then((m) => ({ default: m.MetricsView })));
const RulesView = lazy(() => import("../rules/RulesView.js").then((m) => ({ default: m.RulesView })));

/** The response: summary strip, errors, then the Timeline beside Thinking-over-Reply; Raw, Metrics and Rules as tabs. */
export function ResponsePanel() {
  const { run, error } = useStore(currentRunStore);
  useRunVersion(run);
  const tab = useStore(tabStore);
  return (
    <section className="response" aria-label="Response">
      <SummaryStrip run={run} />
      <ErrorBanner run={run} refused={error} />
      <div className="response-tabs">
        <Tabs
          label="Response views"
          value={tab}
          onChange={showTab}
          tabs={[
            { id: "stream", label: "Stream" },
            { id: "raw", label: "Raw" },
            { id: "metrics", label: "Metrics" },
            { id: "rules", label: "Rules" },
          ]}
        />
        <ExportCapture run={run} />
      </div>
      <div className="response-body" role="tabpanel">
        {tab === "stream" ? (
          <div className="stream-grid">
            <Timeline run={run} />
            <div className="stream-right">
              <ThinkingPane run={run} />
              <ReplyPane run={run} />
            </div>
          </div>
        ) : null}
        {tab === "raw" ? <RawView run={run} /> : null}
        {tab === "metrics" ? (
          <LazyPane what="Metrics">
            <MetricsView run={run} />
          </LazyPane>
        ) : null}
        {tab === "rules" ? (
          <LazyPane what="Rules">
            <RulesView run={run} />
          </LazyPane>
        ) : null}
      </div>
    </section>
  );
}
