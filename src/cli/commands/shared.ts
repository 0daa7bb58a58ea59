/** Checks shared by the commands that show a stream. */
import { UsageError } from "../errors.js";
import type { ViewName } from "../view-options.js";

/** The one selected view (`reply` when none was asked for). */
export function checkedView(views: readonly ViewName[], comments: boolean): ViewName {
  if (views.length > 1) {
    throw new UsageError(
      `choose one of --events, --json and --raw (got ${views.map((v) => `--${v}`).join(" and ")})`,
    );
  }
  if (comments && views[0] !== "events") throw new UsageError("--comments goes with --events");
  return views[0] ?? "reply";
}
