/**
 * A plain, non-LLM SSE feed (`GET /sse/ticks`): named events, ids, a `retry`
 * field, comment lines and a multi-line `data`, the way a price ticker or a
 * notification feed streams. For trying sselens on SSE that is not a model.
 */
import { int } from "../random.js";
import type { MockReply } from "../reply.js";
import { SSE_TYPE } from "./common.js";
import type { ErrorResponse, MockFormat } from "./types.js";

function* ticks(reply: MockReply, count: number): Generator<string> {
  const rng = reply.rng;
  let price = 100 + int(rng, 0, 5000) / 100;
  yield "retry: 3000\n: feed open\n\n";
  for (let n = 1; n <= count; n++) {
    if (n % 5 === 0) {
      yield `event: status\nid: ${n}\ndata: market open\ndata: ${n} ticks so far\n\n`;
      continue;
    }
    price = Math.max(1, price + (rng() - 0.5) * 2);
    const tick = { seq: n, symbol: "ACME", price: Math.round(price * 100) / 100, volume: int(rng, 1, 900) };
    yield `event: tick\nid: ${n}\ndata: ${JSON.stringify(tick)}\n\n`;
  }
  yield `event: end\nid: ${count + 1}\ndata: {"reason":"done"}\n\n`;
}

function error(status: number, message?: string): ErrorResponse {
  return { status, headers: {}, body: { error: message ?? `mock feed error ${status}` } };
}

export const sseTicks: MockFormat = {
  name: "sse",
  method: "GET",
  match: (path) => (path.endsWith("/sse/ticks") || path.endsWith("/sse") ? "ticks" : null),
  read: () => ({
    model: "ticks",
    lastUser: "",
    stream: true,
    reasoning: false,
    tools: [],
    n: 1,
    includeUsage: false,
  }),
  contentType: () => SSE_TYPE,
  stream(reply, _view, ctx) {
    const count = ctx.knobs.events ?? (ctx.knobs.length ?? 4) * 5;
    return {
      events: { [Symbol.iterator]: () => ticks(reply, count) },
      estimate: count + 2,
      errorEvent: (sent) => `event: error\nid: ${sent}\ndata: {"error":"feed interrupted"}\n\n`,
      comment: ": keep-alive\n\n",
    };
  },
  json: () => ({ error: "the ticks feed only streams" }),
  httpError: error,
};
