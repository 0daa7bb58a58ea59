import { describe, expect, it } from "vitest";
import { joinUrl, splitUrl } from "./query-params.js";

describe("query params", () => {
  it("splits and decodes the query, keeping the base and hash", () => {
    expect(splitUrl("http://h/p?a=1&b=x%20y&flag#top")).toEqual({
      base: "http://h/p",
      params: [
        ["a", "1"],
        ["b", "x y"],
        ["flag", ""],
      ],
      hash: "#top",
    });
  });
  it("round-trips placeholders without encoding their braces", () => {
    const url = "{{base_url}}/v1/models/gemini:streamGenerateContent?alt=sse&key={{api_key}}";
    const { base, params, hash } = splitUrl(url);
    expect(joinUrl(base, params, hash)).toBe(url);
  });
  it("encodes what must be encoded and drops unnamed rows", () => {
    expect(
      joinUrl("http://h/", [
        ["q", "a&b"],
        ["", "ignored"],
      ]),
    ).toBe("http://h/?q=a%26b");
  });
});
