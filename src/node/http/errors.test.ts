/** failureEnd: the one line a user reads when no response came, in plain words with the system code. */
import { describe, expect, it } from "vitest";
import { failureEnd } from "./errors.js";

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("failureEnd", () => {
  it("says what failed and where for the usual connection failures", () => {
    const url = new URL("https://no-such-host.invalid/v1/chat/completions");
    const dns = failureEnd(
      systemError("ENOTFOUND", "getaddrinfo ENOTFOUND no-such-host.invalid"),
      url,
      false,
      3,
    );
    expect(dns).toEqual({
      reason: "error",
      at: 3,
      error: {
        code: "ENOTFOUND",
        message: "cannot resolve host no-such-host.invalid: no such host (ENOTFOUND)",
      },
    });
    const local = new URL("http://127.0.0.1:9/x");
    expect(
      failureEnd(systemError("EHOSTUNREACH", "connect EHOSTUNREACH"), local, false, 1).error?.message,
    ).toBe("cannot reach 127.0.0.1:9: no route to the host (EHOSTUNREACH)");
  });

  it("keeps the system message for other failures, and calls a failure after the headers a cut", () => {
    const url = new URL("http://example.test:8080/");
    expect(failureEnd(systemError("EPIPE", "write EPIPE"), url, false, 1).error?.message).toBe(
      "write EPIPE (example.test:8080)",
    );
    const cut = failureEnd(systemError("ECONNRESET", "read ECONNRESET"), url, true, 5);
    expect(cut).toMatchObject({
      reason: "cut",
      error: { message: "connection cut: read ECONNRESET (example.test:8080)" },
    });
  });
});
