type Json = Record<string, unknown>;

/** A numbered source the answer cites: a web page or a file, and the text it supports when that is known. */
export type CitedSource = {
  n: number;
  kind: "url" | "file" | "other";
  url: string | null;
  title: string;
  /** The site's host name, for URL citations. */
  site: string | null;
  fileId: string | null;
  filename: string | null;
  /** The part of the answer this source supports (exact for annotations with start/end indexes). */
  citedText: string | null;
};

/** An answer ready to render: markdown with `[n](#cite-n)` markers at each citation's position, and its sources. */
export type CitedAnswer = { markdown: string; sources: CitedSource[] };

const int = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null);

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** The same source cited twice keeps one number: a URL by its address, a file by its id. */
function sourceKey(a: Json): string {
  if (typeof a.url === "string") return `url:${a.url}`;
  if (typeof a.file_id === "string") return `file:${a.file_id}`;
  return `other:${JSON.stringify(a)}`;
}

/** Where a marker goes: the end of the cited span, or a file citation's index; null when the annotation has neither. */
function markerPosition(a: Json, length: number): number | null {
  const end = int(a.end_index) ?? (a.type === "file_citation" || a.type === "container_file_citation" ? int(a.index) : null);
  return end === null ? null : Math.min(end, length);
}

/**
 * Number an answer's citations and place a marker after the text each one supports. Annotations in older or partial
 * shapes (no indexes, `index: null`) still get a number in the source list, never a crash.
 */
export function citeAnswer(text: string, annotations: readonly unknown[]): CitedAnswer {
  const numbers = new Map<string, number>();
  const sources: CitedSource[] = [];
  const markers: { at: number; n: number }[] = [];
  for (const raw of annotations) {
    if (raw === null || typeof raw !== "object") continue;
    const a = raw as Json;
    const key = sourceKey(a);
    let n = numbers.get(key);
    const start = int(a.start_index);
    const at = markerPosition(a, text.length);
    const cited = start !== null && at !== null && start <= at ? text.slice(start, at) : null;
    if (n === undefined) {
      n = sources.length + 1;
      numbers.set(key, n);
      const url = typeof a.url === "string" ? a.url : null;
      const filename = typeof a.filename === "string" ? a.filename : null;
      sources.push({
        n,
        kind: url ? "url" : typeof a.file_id === "string" ? "file" : "other",
        url,
        title: typeof a.title === "string" && a.title ? a.title : (filename ?? url ?? String(a.type ?? "source")),
        site: url ? hostOf(url) : null,
        fileId: typeof a.file_id === "string" ? a.file_id : null,
        filename,
        citedText: cited,
      });
    } else if (cited && !sources[n - 1]!.citedText) {
      sources[n - 1]!.citedText = cited;
    }
    if (at !== null) markers.push({ at, n });
  }
  // Insert from the end so earlier positions stay valid; markers at one position keep their order.
  let markdown = text;
  const ordered = markers.map((m, i) => ({ ...m, i })).sort((x, y) => y.at - x.at || y.i - x.i);
  for (const { at, n } of ordered) markdown = `${markdown.slice(0, at)}[${n}](#cite-${n})${markdown.slice(at)}`;
  return { markdown, sources };
}

/**
 * The answer of a response's output, cited: every output_text part of the message items joined (as the Answer tab
 * shows them), with each part's annotations moved to their place in the joined text.
 */
export function citeMessages(output: readonly unknown[]): CitedAnswer {
  let text = "";
  const annotations: unknown[] = [];
  for (const item of output as Json[]) {
    if (item?.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content as Json[]) {
      if (part?.type !== "output_text" || typeof part.text !== "string") continue;
      if (text) text += "\n\n";
      const offset = text.length;
      text += part.text;
      for (const a of Array.isArray(part.annotations) ? (part.annotations as unknown[]) : []) {
        if (a === null || typeof a !== "object") continue;
        const shifted: Json = { ...(a as Json) };
        for (const key of ["start_index", "end_index", "index"]) {
          const value = int(shifted[key]);
          if (value !== null) shifted[key] = value + offset;
        }
        annotations.push(shifted);
      }
    }
  }
  return citeAnswer(text, annotations);
}

/**
 * Which tool call found each cited source, by output index: the search whose listed sources or results include it,
 * or else the first search of that kind (sources are only listed when `include` asks for them).
 */
export function attributeSources(sources: readonly CitedSource[], output: readonly unknown[]): Map<number, CitedSource[]> {
  const items = output as Json[];
  const indexesOf = (type: string) => items.flatMap((item, i) => (item?.type === type ? [i] : []));
  const webSearches = indexesOf("web_search_call");
  const fileSearches = indexesOf("file_search_call");
  const listsUrl = (i: number, url: string) => {
    const action = items[i]?.action as Json | undefined;
    return Array.isArray(action?.sources) && (action.sources as Json[]).some((s) => s?.url === url);
  };
  const listsFile = (i: number, fileId: string) => Array.isArray(items[i]?.results) && (items[i]!.results as Json[]).some((r) => r?.file_id === fileId);
  const found = new Map<number, CitedSource[]>();
  for (const source of sources) {
    let at: number | undefined;
    if (source.kind === "url" && source.url) at = webSearches.find((i) => listsUrl(i, source.url!)) ?? webSearches[0];
    else if (source.kind === "file" && source.fileId) at = fileSearches.find((i) => listsFile(i, source.fileId!)) ?? fileSearches[0];
    if (at === undefined) continue;
    found.set(at, [...(found.get(at) ?? []), source]);
  }
  return found;
}
