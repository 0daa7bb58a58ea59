/**
 * Seeded, generated bodies of about 8 MB for the benchmark. The same seed
 * always gives the same bytes, so runs on different machines compare.
 */

const WORDS = (
  "the of and to in is you that it he was for on are as with his they at be this have from or one had by word but not " +
  "what all were we when your can said there use an each which she do how their if will up other about out many then"
).split(" ");
const CJK =
  "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴罗怕准确故".split(
    "",
  );
const EMOJI = ["😀", "🚀", "✨", "🧠", "👍🏽", "🇫🇷"];

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TARGET = 8 * 1024 * 1024;

function token(rand, utf8) {
  if (utf8) {
    const r = rand();
    if (r < 0.1) return EMOJI[Math.floor(rand() * EMOJI.length)];
    if (r < 0.2) return ` ${WORDS[Math.floor(rand() * WORDS.length)]}`;
    return CJK[Math.floor(rand() * CJK.length)] + CJK[Math.floor(rand() * CJK.length)];
  }
  return ` ${WORDS[Math.floor(rand() * WORDS.length)]}`;
}

export function openai(seed, utf8, target = TARGET) {
  const rand = mulberry32(seed);
  const parts = [];
  let size = 0;
  const base = {
    id: "chatcmpl-9xYz",
    object: "chat.completion.chunk",
    created: 1767225600,
    model: "gpt-4o-2024-08-06",
    system_fingerprint: "fp_abc123",
  };
  const enc = new TextEncoder();
  const push = (s) => {
    parts.push(s);
    size += utf8 ? enc.encode(s).length : s.length;
  };
  push(
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] })}\n\n`,
  );
  while (size < target - 400) {
    const content = token(rand, utf8);
    push(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] })}\n\n`,
    );
  }
  push(
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] })}\n\n`,
  );
  push("data: [DONE]\n\n");
  return new TextEncoder().encode(parts.join(""));
}

function anthropic(seed) {
  const rand = mulberry32(seed);
  const parts = [];
  let size = 0;
  const ev = (type, obj) => {
    const s = `event: ${type}\ndata: ${JSON.stringify({ type, ...obj })}\n\n`;
    parts.push(s);
    size += s.length;
  };
  ev("message_start", {
    message: {
      id: "msg_01",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 25, output_tokens: 1 },
    },
  });
  ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
  let n = 0;
  while (size < TARGET - 600) {
    if (n++ % 200 === 0) parts.push(": keep-alive\n\n");
    ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: token(rand, false) } });
  }
  ev("content_block_stop", { index: 0 });
  ev("message_delta", {
    delta: { stop_reason: "end_turn", stop_sequence: null },
    usage: { output_tokens: n },
  });
  ev("message_stop", {});
  return new TextEncoder().encode(parts.join(""));
}

/** A few events of `mib` MiB each (one long data line of JSON), OpenAI-shaped. */
export function bigEvents(seed, mib = 1, count = 8) {
  const rand = mulberry32(seed);
  const parts = [];
  for (let i = 0; i < count; i++) {
    let text = "";
    while (text.length < mib * 1024 * 1024) text += token(rand, false);
    parts.push(
      `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", model: "m", choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`,
    );
  }
  parts.push(
    `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", model: "m", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`,
  );
  parts.push("data: [DONE]\n\n");
  return new TextEncoder().encode(parts.join(""));
}

/** The bodies, by name, with the URL that lets the pipeline detect their format. */
export const BODIES = {
  openai: { make: () => openai(1, false), url: "/v1/chat/completions", sdk: true },
  anthropic: { make: () => anthropic(2), url: "/v1/messages", sdk: false },
  "big-events": { make: () => bigEvents(3), url: "/v1/chat/completions", sdk: true },
  "utf8-heavy": { make: () => openai(4, true), url: "/v1/chat/completions", sdk: true },
};

export function chunk16k(bytes) {
  const out = [];
  for (let i = 0; i < bytes.length; i += 16384) out.push(bytes.subarray(i, i + 16384));
  return out;
}

export function chunkTiny(bytes, seed = 42) {
  const rand = mulberry32(seed);
  const out = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rand() * 64);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}
