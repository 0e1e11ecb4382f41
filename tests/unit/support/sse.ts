/** Parse a whole SSE body into `{event, data}` frames (data parsed as JSON unless it is `[DONE]`). */
export function parseSse(text: string): { event: string | null; data: unknown }[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      let event: string | null = null;
      const data: string[] = [];
      for (const line of frame.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      const raw = data.join("\n");
      return { event, data: raw === "[DONE]" ? raw : (JSON.parse(raw) as unknown) };
    });
}

/** Read an SSE response frame by frame as it arrives. */
export async function* sseFrames(response: Response): AsyncGenerator<{ event: string; data: unknown }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event && data) yield { event, data: data === "[DONE]" ? data : (JSON.parse(data) as unknown) };
    }
  }
}
