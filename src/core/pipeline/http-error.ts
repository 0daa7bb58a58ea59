/**
 * The provider's own error message from an HTTP error body, so a 401 says
 * "Incorrect API key provided" rather than just "401".
 */
import type { ReportError } from "../formats/types.js";

/**
 * Build the error for HTTP `status` from the start of its body.
 * Knows OpenAI/Anthropic/Gemini `error.message`, Ollama `error`, Cohere `message`
 * and the common `detail`; any other body is quoted (shortened).
 */
export function httpError(status: number, body: string): ReportError {
  const text = body.trim();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  // Gemini's JSON-array mode wraps the error in an array.
  if (Array.isArray(json) && json.length > 0) json = json[0];
  if (typeof json === "object" && json !== null) {
    const j = json as Record<string, unknown>;
    const err = j["error"];
    if (typeof err === "object" && err !== null) {
      const e = err as Record<string, unknown>;
      const message = str(e["message"]) ?? JSON.stringify(e);
      return {
        // OpenAI's string `code` (rate_limit_exceeded) is the precise one, as the formats read it
        // mid-stream; Gemini's numeric `code` only repeats the status, so its `status` comes first.
        code:
          (typeof e["code"] === "string" ? str(e["code"]) : null) ??
          str(e["type"]) ??
          str(e["status"]) ??
          str(e["code"]) ??
          `http_${status}`,
        message: `HTTP ${status}: ${message}`,
      };
    }
    const message = str(err) ?? str(j["message"]) ?? str(j["detail"]);
    if (message !== null)
      return {
        code: str(j["type"]) ?? str(j["code"]) ?? `http_${status}`,
        message: `HTTP ${status}: ${message}`,
      };
  }
  if (text === "") return { code: `http_${status}`, message: `HTTP ${status} with an empty body` };
  // A proxy's or CDN's HTML page: its words, not its markup (the page is shown whole elsewhere).
  const words = text.startsWith("<") ? htmlWords(text) : text;
  const oneLine = (words === "" ? text : words).replace(/\s+/g, " ");
  const shown = oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
  return { code: `http_${status}`, message: `HTTP ${status}: ${shown}` };
}

/** The visible text of an HTML page: head, scripts, styles and comments dropped, tags as spaces. */
function htmlWords(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? "";
  const body = html
    .replace(
      /<head[\s>][\s\S]*?<\/head>|<script[\s>][\s\S]*?<\/script>|<style[\s>][\s\S]*?<\/style>|<!--[\s\S]*?-->/gi,
      " ",
    )
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  if (body === "") return title;
  return title !== "" && !body.startsWith(title) ? `${title}: ${body}` : body;
}

function str(v: unknown): string | null {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  return null;
}
