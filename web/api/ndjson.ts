/**
 * Reads a `application/x-ndjson` body line by line as it arrives. Lines are
 * parsed as soon as their newline lands: the live view must not wait for more.
 */
export async function readNdjson(
  body: ReadableStream<Uint8Array>,
  onValue: (value: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let lineNo = 0;
  const flush = (line: string): void => {
    lineNo++;
    if (line.trim() === "") return;
    try {
      onValue(JSON.parse(line));
    } catch (error) {
      throw new Error(`run stream line ${lineNo} is not JSON: ${(error as Error).message}`);
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      flush(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
  }
  pending += decoder.decode();
  flush(pending);
}
