import { describe, expect, it } from "vitest";
import { providerError } from "./http-error.js";

describe("providerError", () => {
  it("reads OpenAI, Anthropic, Gemini, Ollama and Cohere error bodies", () => {
    expect(
      providerError(
        '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}',
      ),
    ).toEqual({ code: "rate_limit_exceeded", message: "Rate limit reached" });
    expect(
      providerError('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
    ).toEqual({
      code: "overloaded_error",
      message: "Overloaded",
    });
    expect(providerError('[{"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED"}}]')).toEqual(
      {
        code: "429",
        message: "Quota",
      },
    );
    expect(providerError('{"error":"model not found"}')).toEqual({ code: null, message: "model not found" });
    expect(providerError('{"message":"invalid api token"}')).toEqual({
      code: null,
      message: "invalid api token",
    });
  });
  it("strips markup from an HTML error page and answers null for nothing useful", () => {
    expect(providerError("<html><body><h1>502 Bad Gateway</h1></body></html>")?.message).toBe(
      "502 Bad Gateway",
    );
    expect(providerError("")).toBeNull();
    expect(providerError('{"ok":false}')).toBeNull();
  });
});
