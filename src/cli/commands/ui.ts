/** `sselens ui`: the local web app (server on 127.0.0.1, mock provider in-process), until Ctrl-C. */
import type { UiServer } from "../../server/serve.js";
import { defineCommand, HELP_OPTION } from "../command.js";
import { UsageError } from "../errors.js";
import { EXIT, SERVER_EXIT_HELP } from "../exit.js";
import type { OptionTable } from "../options.js";
import { VERSION } from "../version.js";

export const UI_OPTIONS = {
  port: {
    type: "string",
    short: "p",
    value: "N",
    description: "port on 127.0.0.1 (default 0: any free port)",
  },
  "no-open": { type: "boolean", description: "do not open the browser; just print the URL" },
  home: {
    type: "string",
    value: "DIR",
    description: "where saved requests, environments and secrets live (default $SSELENS_HOME or ~/.sselens)",
  },
  ...HELP_OPTION,
} as const satisfies OptionTable;

function portOption(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`--port ${JSON.stringify(value)}: expected 0..65535`);
  return n;
}

export const uiCommand = defineCommand({
  name: "ui",
  synopsis: "[--port N] [--no-open] [--home DIR]",
  summary: "open the web app: send requests, watch the timeline, the reply and the thinking live",
  description: [
    "Starts a local server on 127.0.0.1 and the built-in mock provider, prints the page's URL (with a one-time token that signs this browser in) and opens it. Ready-made requests against the mock work offline.",
    "Only this machine can connect, and only with the printed URL's token. Secret variables (API keys) are kept in a 0600 secrets file in the home directory, or read from environment variables such as OPENAI_API_KEY, and are never shown in the page.",
  ],
  options: UI_OPTIONS,
  exitStatuses: SERVER_EXIT_HELP,
  examples: [
    { comment: "open the app in the browser", command: "sselens ui" },
    { comment: "a fixed port, without opening a browser", command: "sselens ui --port 4317 --no-open" },
  ],
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const port = portOption(values.port);
    let ui: UiServer;
    try {
      // The server (Hono) loads only for this command: it costs every other command start-up time.
      const { startUi } = await import("../../server/serve.js");
      ui = await startUi({
        port,
        open: !values["no-open"],
        ...(values.home === undefined ? {} : { home: values.home }),
        version: VERSION,
      });
    } catch (error) {
      io.stderr.write(
        `sselens: cannot start the ui: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return EXIT.failure;
    }
    // Listen for Ctrl-C before printing: a script may interrupt as soon as it reads the URL.
    const interrupted = new Promise<void>((resolve) => {
      const off = io.onInterrupt(() => {
        off();
        resolve();
      });
    });
    // The page's URL comes first: scripts and tests take the first URL on stdout.
    io.stdout.write(
      [
        `sselens ui: ${ui.url}`,
        `mock provider: ${ui.mockUrl ?? "(off)"}`,
        `home: ${ui.home}`,
        "Open the first URL (it signs this browser in). Ctrl-C to stop.",
        "",
      ].join("\n"),
    );
    await interrupted;
    await ui.close();
    return EXIT.ok;
  },
});
