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
