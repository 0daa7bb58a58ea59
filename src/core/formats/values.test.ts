import { describe, expect, it } from "vitest";
import {
  asArray,
  asCode,
  asIndex,
  asNumber,
  asRecord,
  asString,
  compactJson,
  dig,
  eventType,
  isJson,
  isOneOf,
  jsonError,
} from "./values.js";

describe("wire value guards", () => {
  it("asRecord takes plain objects only: not null, not arrays", () => {
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect(asRecord(null)).toBeUndefined();
    expect(asRecord([1])).toBeUndefined();
    expect(asRecord("x")).toBeUndefined();
  });

  it("asArray, asString take their own type only", () => {
    expect(asArray([1])).toEqual([1]);
    expect(asArray({ length: 1 })).toBeUndefined();
    expect(asString("")).toBe("");
    expect(asString(1)).toBeUndefined();
  });

  it("asNumber refuses NaN and infinities; asIndex refuses negatives and fractions", () => {
    expect(asNumber(1.5)).toBe(1.5);
    expect(asNumber(Number.NaN)).toBeUndefined();
    expect(asNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(asNumber("1")).toBeUndefined();
    expect(asIndex(0)).toBe(0);
    expect(asIndex(-1)).toBeUndefined();
    expect(asIndex(1.5)).toBeUndefined();
  });

  it("asCode keeps non-empty strings and finite numbers as text, else null", () => {
    expect(asCode("rate_limit")).toBe("rate_limit");
    expect(asCode(429)).toBe("429");
    expect(asCode("")).toBeNull();
    expect(asCode(Number.NaN)).toBeNull();
    expect(asCode({ code: 1 })).toBeNull();
  });

  it("dig follows a path and stops at the first step that is not an object", () => {
    expect(dig({ a: { b: { c: 3 } } }, "a", "b", "c")).toBe(3);
    expect(dig({ a: [{ b: 1 }] }, "a", "b")).toBeUndefined();
    expect(dig({ a: null }, "a", "b")).toBeUndefined();
    expect(dig(5)).toBe(5);
  });

  it("isOneOf narrows a string to a listed union member", () => {
    const kinds = ["a", "b"] as const;
    expect(isOneOf(kinds, "a")).toBe(true);
    expect(isOneOf(kinds, "c")).toBe(false);
  });

  it("eventType prefers data.type, then an SSE event name other than the default message", () => {
    expect(eventType({ type: "ping" }, "other")).toBe("ping");
    expect(eventType({}, "ping")).toBe("ping");
    expect(eventType({}, "message")).toBeUndefined();
    expect(eventType({ type: 1 }, "message")).toBeUndefined();
  });

  it("jsonError says why text is not JSON; isJson agrees", () => {
    expect(jsonError('{"a":1}')).toBeUndefined();
    expect(isJson('{"a":1}')).toBe(true);
    expect(jsonError('{"a":')).toEqual(expect.any(String));
    expect(isJson('{"a":')).toBe(false);
  });

  it("compactJson writes a delivered value compactly, and a missing one as {}", () => {
    expect(compactJson({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(compactJson(undefined)).toBe("{}");
    expect(compactJson(null)).toBe("null");
  });
});
