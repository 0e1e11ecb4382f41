import { FILE_SEARCH_EXTENSIONS } from "@/lib/contracts/providers";

/** Why a picked file cannot be uploaded for file search (type, emptiness, size over `maxBytes`), or null when it can. */
export function uploadProblem(file: { name: string; size: number }, maxBytes: number): string | null {
  const dot = file.name.lastIndexOf(".");
  const extension = dot > 0 ? file.name.slice(dot).toLowerCase() : "";
  if (!(FILE_SEARCH_EXTENSIONS as readonly string[]).includes(extension)) {
    return `${extension ? `${extension} files are` : "Files without an extension are"} not supported; use ${FILE_SEARCH_EXTENSIONS.join(" ")}`;
  }
  if (file.size === 0) return "The file is empty";
  if (file.size > maxBytes) return `${formatMegabytes(file.size)} is over the ${formatMegabytes(maxBytes)} limit`;
  return null;
}

const formatMegabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
