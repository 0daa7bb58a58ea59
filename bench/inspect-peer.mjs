/**
 * The reference for `sselens inspect FILE --json`: a plain Node script that
 * streams the same file through eventsource-parser and JSON.parses every event.
 * Usage: node bench/inspect-peer.mjs FILE
 */
import { createReadStream } from "node:fs";
import { createParser } from "eventsource-parser";

const decoder = new TextDecoder();
let events = 0;
const parser = createParser({
  onEvent(e) {
    events++;
    if (e.data !== "[DONE]") JSON.parse(e.data);
  },
});
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  parser.feed(decoder.decode(chunk, { stream: true }));
}
parser.feed(decoder.decode());
console.log(JSON.stringify({ events }));
