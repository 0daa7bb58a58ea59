/**
 * The contenders, each a function over the same chunks that returns the number
 * of events it saw (so the runner can check they agree).
 */
import { createParser } from "eventsource-parser";
import { Stream } from "openai/streaming";

export const CONTENDERS = [
  {
    name: "sselens parser",
    run(engine, chunks) {
      let n = 0;
      const p = engine.createSseParser({ onEvent: () => n++ });
      let t = 0;
      for (const c of chunks) p.feed(c, t++);
      p.end();
      return n;
    },
  },
  {
    name: "eventsource-parser",
    run(_engine, chunks) {
      let n = 0;
      // eventsource-parser takes text: decode in stream mode, as its own EventSourceParserStream does.
      const decoder = new TextDecoder();
      const p = createParser({ onEvent: () => n++ });
      for (const c of chunks) p.feed(decoder.decode(c, { stream: true }));
      p.feed(decoder.decode());
      return n;
    },
  },
  {
    name: "sselens pipeline",
    run(engine, chunks, url) {
      const s = engine.createSession({ url, contentType: "text/event-stream" });
      let t = 0;
      for (const c of chunks) s.feed(c, t++);
      s.end({ reason: "complete", at: t });
      return s.report(200).metrics.events;
    },
  },
  {
    name: "eventsource-parser + JSON.parse",
    run(_engine, chunks) {
      let n = 0;
      const decoder = new TextDecoder();
      const p = createParser({
        onEvent: (e) => {
          n++;
          if (e.data !== "[DONE]") JSON.parse(e.data);
        },
      });
      for (const c of chunks) p.feed(decoder.decode(c, { stream: true }));
      p.feed(decoder.decode());
      return n;
    },
  },
  {
    name: "openai SDK Stream",
    async run(_engine, chunks) {
      let i = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (i < chunks.length) controller.enqueue(chunks[i++]);
          else controller.close();
        },
      });
      const response = new Response(body, { headers: { "content-type": "text/event-stream" } });
      let n = 0;
      for await (const _ of Stream.fromSSEResponse(response, new AbortController())) n++;
      return n + 1; // the SDK swallows data: [DONE]
    },
  },
];

export async function runContender(contender, engine, chunks, url) {
  return await contender.run(engine, chunks, url);
}
