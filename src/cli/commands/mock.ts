/** `sselens mock`: the built-in mock provider on a local port, until Ctrl-C. */
import { knobs, routes, startMock } from "../../mock/index.js";
import { defineCommand, HELP_OPTION } from "../command.js";
import { UsageError } from "../errors.js";
import { EXIT, SERVER_EXIT_HELP } from "../exit.js";
import type { OptionTable } from "../options.js";

export const MOCK_OPTIONS = {
  port: {
    type: "string",
    short: "p",
    value: "N",
    description: "port to listen on (default 8080; 0: any free port)",
  },
  host: {
    type: "string",
    value: "HOST",
    description: "address to bind (default 127.0.0.1; the mock needs no key, keep it local)",
  },
  ...HELP_OPTION,
} as const satisfies OptionTable;

const DEFAULT_PORT = 8080;

function portOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`--port ${JSON.stringify(value)}: expected 0..65535`);
  return n;
}

/** The example requests printed at start, against the mock's real URL. */
export function mockExamples(url: string): string[] {
  const chat = `${url}/v1/chat/completions`;
  return [
    `sselens ${chat} -d '{"model":"deepseek-reasoner","messages":[{"role":"user","content":"Why is the sky blue?"}],"stream":true}'`,
    `sselens '${chat}?fault=429' -d '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"stream":true}'`,
    `sselens '${chat}?cut=mid' -d '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"stream":true}' --events`,
    `sselens ${url}/v1/messages -d '{"model":"claude-sonnet-4-5","max_tokens":512,"messages":[{"role":"user","content":"Hi"}],"stream":true}'`,
  ];
}

export const mockCommand = defineCommand({
  name: "mock",
  synopsis: "[--port N] [--host HOST]",
  summary: "serve realistic LLM streams at the real API paths, offline, with fault knobs",
  description: [
    "Streams are deterministic: they depend on the path, the model name and the last user message (and the seed knob). Credentials are accepted and ignored. Knobs are query parameters (?delay=0) or headers (x-mock-delay: 0).",
  ],
  options: MOCK_OPTIONS,
  sections: () => [
    { title: "Routes", lines: routes.map((r) => `  ${r.method.padEnd(5)}${r.path.padEnd(48)}${r.format}`) },
    {
      title: "Knobs (query ?name=value or header x-mock-name)",
      lines: knobs.map(
        (k) =>
          `  ${`${k.name}=${k.value}`.padEnd(24)}${k.description}${k.default ? ` (default ${k.default})` : ""}`,
      ),
    },
  ],
  exitStatuses: SERVER_EXIT_HELP,
  examples: [
    { comment: "start the mock on port 8080", command: "sselens mock --port 8080" },
    { comment: "then, in another terminal", command: mockExamples("http://127.0.0.1:8080")[0] ?? "" },
  ],
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const port = portOption(values.port);
    const host = values.host ?? "127.0.0.1";
    let mock: Awaited<ReturnType<typeof startMock>>;
    try {
      mock = await startMock({ port, host });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      const why = e.code === "EADDRINUSE" ? "the port is in use (try --port 0)" : e.message;
      io.stderr.write(`sselens: cannot start the mock on ${host}:${port}: ${why}\n`);
      return EXIT.failure;
    }
    // Listen for Ctrl-C before printing the URL: whoever reads the URL may interrupt at once.
    const stopped = new Promise<void>((resolve) => {
      const off = io.onInterrupt(() => {
        off();
        resolve();
      });
    });
    io.stdout.write(
      [
        `sselens mock provider listening on ${mock.url}`,
        "",
        "Try:",
        ...mockExamples(mock.url).map((c) => `  ${c}`),
        "",
        "Knobs and routes: sselens mock --help. Ctrl-C to stop.",
        "",
      ].join("\n"),
    );
    await stopped;
    await mock.close();
    return EXIT.ok;
  },
});
