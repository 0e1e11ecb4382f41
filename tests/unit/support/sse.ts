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
