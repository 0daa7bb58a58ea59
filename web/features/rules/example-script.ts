/**
 * The script the Rules tab starts with. It returns null for an event that carries neither
 * content nor reasoning (a usage chunk, another provider's event): returning an object with
 * both null is refused by the sandbox as "an object without `content` or `reasoning`".
 */
export const EXAMPLE_SCRIPT = `// Called once per event, in order. Return a string, {content, reasoning} or null.
function onEvent(event, state) {
  const delta = event.json?.choices?.[0]?.delta;
  if (delta?.content == null && delta?.reasoning_content == null) return null;
  return { content: delta.content ?? null, reasoning: delta.reasoning_content ?? null };
}
`;
