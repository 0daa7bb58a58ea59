/**
 * The provider's own words for an HTTP error, from the response body. Providers wrap it
 * differently: OpenAI/Groq/DeepSeek `{error:{message,type,code}}`, Anthropic
 * `{type:"error",error:{type,message}}`, Gemini `{error:{code,message,status}}` (sometimes
 * in an array), Ollama `{error:"..."}`, Cohere `{message}`, FastAPI-style `{detail}`.
 */
export interface ProviderError {
  code: string | null;
  message: string;
}

export function providerError(body: string): ProviderError | null {
  const text = body.trim();
  if (text === "") return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // An HTML or plain-text error page: show its first line, without markup.
    const plain = text
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return plain ? { code: null, message: plain.slice(0, 300) } : null;
  }
  if (Array.isArray(json)) json = json[0];
  if (!json || typeof json !== "object") return null;
  const o = json as Record<string, unknown>;
  const err = o["error"];
  if (typeof err === "string") return { code: null, message: err };
  if (err && typeof err === "object") {
    const e = err as Record<string, unknown>;
    const code = e["code"] ?? e["type"] ?? e["status"] ?? null;
    if (typeof e["message"] === "string")
      return { code: code === null ? null : String(code), message: e["message"] };
  }
  for (const key of ["message", "detail"]) {
    const v = o[key];
    if (typeof v === "string") return { code: null, message: v };
  }
  return null;
}
