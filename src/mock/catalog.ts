/**
 * The model lists that clients ask for before they stream: OpenAI's `GET /v1/models`,
 * Ollama's `GET /api/tags` and `GET /api/version`, Gemini's `GET /v1beta/models`. Every
 * name works on every route (the mock reads the model name only to decide on reasoning);
 * these lists just give tools something real-looking to show.
 */

/** Model names that show each route's features (reasoning by name where the route does that). */
const MODELS = [
  "gpt-4o-mini",
  "deepseek-reasoner",
  "gpt-oss-120b",
  "claude-sonnet-4-5",
  "gemini-2.5-flash",
  "llama3.2",
  "deepseek-r1",
  "command-a-03-2025",
] as const;

const CREATED = 1_750_000_000;

/** The JSON for a catalog path, or null when the path is not one. */
export function catalog(path: string): unknown | null {
  if (path.endsWith("/v1/models")) {
    return {
      object: "list",
      data: MODELS.map((id) => ({ id, object: "model", created: CREATED, owned_by: "sselens-mock" })),
    };
  }
  if (path.endsWith("/api/tags")) {
    return {
      models: MODELS.map((name) => ({
        name,
        model: name,
        modified_at: new Date(CREATED * 1000).toISOString(),
        size: 2_019_393_189,
        digest: "0".repeat(64),
        details: { format: "gguf", family: "mock", parameter_size: "3B", quantization_level: "Q4_K_M" },
      })),
    };
  }
  if (path.endsWith("/api/version")) return { version: "0.12.0" };
  if (path.endsWith("/v1beta/models")) {
    return {
      models: MODELS.map((name) => ({
        name: `models/${name}`,
        displayName: name,
        supportedGenerationMethods: ["generateContent", "streamGenerateContent"],
      })),
    };
  }
  return null;
}
