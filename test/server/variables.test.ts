/** `{{name}}` rendering: what is sent, what is shown, and what is refused. */
import { describe, expect, it } from "vitest";
import { isHttpError } from "../../src/server/errors.js";
import { type Lookup, renderDraft, scrubSecrets } from "../../src/server/variables.js";

const vars: Record<string, { value: string; secret: boolean }> = {
  base: { value: "https://api.example", secret: false },
  key: { value: "sk-secret-abcdefghijklmnopqrstu", secret: true },
  model: { value: "gpt-x", secret: false },
};
const lookup: Lookup = (name) => vars[name];

describe("renderDraft", () => {
  it("substitutes everywhere on the wire, and keeps secrets as {{name}} in what is shown", () => {
    const r = renderDraft(
      {
        method: "POST",
        url: "{{base}}/v1?key={{ key }}",
        headers: [["Authorization", "Bearer {{key}}"]],
        body: '{"model":"{{model}}","k":"{{key}}"}',
      },
      lookup,
    );
    expect(r.sent).toEqual({
      method: "POST",
      url: "https://api.example/v1?key=sk-secret-abcdefghijklmnopqrstu",
      headers: [["Authorization", "Bearer sk-secret-abcdefghijklmnopqrstu"]],
      body: '{"model":"gpt-x","k":"sk-secret-abcdefghijklmnopqrstu"}',
    });
    expect(r.shown).toEqual({
      method: "POST",
      url: "https://api.example/v1?key={{ key }}",
      headers: [["Authorization", "Bearer {{key}}"]],
      body: '{"model":"gpt-x","k":"{{key}}"}',
    });
    expect([...r.secrets]).toEqual([["key", "sk-secret-abcdefghijklmnopqrstu"]]);
  });

  it("redacts a literal credential typed in clear, in a header or the URL", () => {
    const r = renderDraft(
      {
        method: "GET",
        url: "https://x.example/?alt=sse&key=AIzaSyD0123456789abcdefghij",
        headers: [["x-api-key", "sk-ant-0123456789abcdefghijklmn"]],
        body: null,
      },
      lookup,
    );
    expect(r.shown.url).not.toContain("AIzaSyD0123456789abcdefghij");
    expect(r.shown.url).toContain("alt=sse");
    expect(r.shown.headers[0]?.[1]).not.toContain("0123456789abcdefghijklmn");
    expect(r.sent.headers[0]?.[1]).toBe("sk-ant-0123456789abcdefghijklmn");
  });

  it("refuses undefined variables in the URL and headers, naming them all", () => {
    try {
      renderDraft({ method: "GET", url: "{{nope}}/x", headers: [["a", "{{other}}"]], body: null }, lookup);
      expect.unreachable();
    } catch (error) {
      expect(isHttpError(error) && error.status).toBe(400);
      expect((error as Error).message).toContain("{{nope}}, {{other}}");
    }
  });

  it("leaves an unknown {{…}} in the body as written: prompts may contain templates", () => {
    const r = renderDraft({ method: "POST", url: "http://h/", headers: [], body: "say {{hello}}" }, lookup);
    expect(r.sent.body).toBe("say {{hello}}");
  });
});

describe("scrubSecrets", () => {
  it("replaces each secret value by its reference", () => {
    const secrets = new Map([["key", "sk-secret-abcdefghijklmnopqrstu"]]);
    expect(scrubSecrets("refused: sk-secret-abcdefghijklmnopqrstu at host", secrets)).toBe(
      "refused: {{key}} at host",
    );
  });
});
