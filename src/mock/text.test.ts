import { describe, expect, it } from "vitest";
import { topicOf } from "./text.js";

describe("topicOf", () => {
  it.each([
    ["Explain in three sentences why the sky is blue.", "why the sky is blue"],
    ["How do server-sent events work?", "how do server-sent events work"],
    ["Why is the sky blue?", "why is the sky blue"],
    ["Hi! Can you please tell me about the history of Rome? Keep it short.", "the history of rome"],
    ["Summarize with 3 bullet points: rust ownership rules", "rust ownership rules"],
    ["streams", "streams"],
    ["What is the capital of", "what is the capital"],
    ["Explain.", "explain"],
    ["", "your question"],
    ["!!!", "your question"],
  ])("%j -> %j", (message, topic) => {
    expect(topicOf(message)).toBe(topic);
  });

  it("never ends on a dangling word and stays short", () => {
    const long =
      "Please write a detailed report about the economic effects of the printing press in Europe and";
    const topic = topicOf(long);
    expect(topic.split(" ").length).toBeLessThanOrEqual(8);
    expect(topic).not.toMatch(/\b(the|of|and|in|a)$/);
  });
});
