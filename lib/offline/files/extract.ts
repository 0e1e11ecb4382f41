import path from "node:path";

/** The kinds of file the offline engine can read text from, by extension. */
export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".markdown", ".json", ".csv", ".html", ".htm", ".pdf"] as const;

/** Why a file could not be read: shown to the user as is. */
export class ExtractionError extends Error {
  constructor(
    readonly code: "unsupported_file" | "empty_file" | "unreadable_file",
    message: string,
  ) {
    super(message);
  }
}

/** The mime type Arbor records for a supported file name. */
export function mimeTypeFor(filename: string): string {
  const types: Record<string, string> = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".json": "application/json",
    ".csv": "text/csv",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
  };
  return types[path.extname(filename).toLowerCase()] ?? "application/octet-stream";
}

/** Whether a file name has an extension the engine can index. */
export function isSupported(filename: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(filename).toLowerCase());
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Why a file's bytes are not what its name says (a `.pdf` that is no PDF), or null. */
export function contentProblem(filename: string, bytes: Uint8Array): string | null {
  if (path.extname(filename).toLowerCase() !== ".pdf") return null;
  // A PDF's header, `%PDF-`, may follow a little junk, but only within the first 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes("%PDF-") ? null : `"${filename}" is not a PDF: it has no %PDF- header`;
}

/** Visible text of an HTML page: scripts, styles and tags dropped, block ends kept as line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<\/(p|div|li|h[1-6]|tr|section|article|header|footer|blockquote|pre)\s*>|<br\s*\/?>/gi, "\n\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** CSV as lines of "header: value" pairs, so a row's values keep their meaning when a chunk is read alone. */
export function csvToText(csv: string): string {
  const rows = parseCsv(csv);
  const [header, ...body] = rows;
  if (!header) return "";
  if (body.length === 0) return header.join(", ");
  return body.map((row) => header.map((name, i) => `${name}: ${row[i] ?? ""}`).join("; ")).join("\n");
}

function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && csv[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  try {
    // pdfjs refuses a Node Buffer (a Uint8Array subclass) and may transfer the array: hand it a plain copy.
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    await doc.destroy();
    return pages.join("\n\n");
  } catch (err) {
    throw new ExtractionError("unreadable_file", `Could not read the PDF: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Extract the text of a file (text, Markdown, JSON, CSV, HTML or PDF). */
export async function extractText(filename: string, bytes: Uint8Array): Promise<string> {
  if (!isSupported(filename)) {
    throw new ExtractionError("unsupported_file", `Files of type "${path.extname(filename) || filename}" cannot be searched; use ${SUPPORTED_EXTENSIONS.join(", ")}.`);
  }
  if (bytes.byteLength === 0) throw new ExtractionError("empty_file", `"${filename}" is empty.`);
  const ext = path.extname(filename).toLowerCase();
  let text: string;
  if (ext === ".pdf") text = await pdfToText(bytes);
  else {
    const raw = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    if (ext === ".json") {
      try {
        text = JSON.stringify(JSON.parse(raw) as unknown, null, 2);
      } catch {
        throw new ExtractionError("unreadable_file", `"${filename}" is not valid JSON.`);
      }
    } else if (ext === ".csv") text = csvToText(raw);
    else if (ext === ".html" || ext === ".htm") text = htmlToText(raw);
    else text = raw;
  }
  if (text.trim() === "") throw new ExtractionError("empty_file", `No text could be read from "${filename}".`);
  return text.replace(/\r\n/g, "\n");
}
