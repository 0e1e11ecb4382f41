/** Answers one request; `params` are the path segments that `:id` matched, in order. */
export type Handler = (request: Request, params: string[]) => Promise<Response>;

/** One endpoint of the engine: its method, its path (`:id` matches any one segment) and its handler. */
export type Route = { method: "GET" | "POST" | "DELETE"; pattern: string[]; handler: Handler };

/** The `:id` segments of `path` when it has the shape of `pattern`, else null. */
export function matchPath(pattern: readonly string[], path: readonly string[]): string[] | null {
  if (pattern.length !== path.length) return null;
  const params: string[] = [];
  for (const [i, segment] of pattern.entries()) {
    const actual = path[i] ?? "";
    if (segment === ":id") {
      const decoded = decodeSegment(actual);
      if (decoded === null) return null;
      params.push(decoded);
    } else if (segment !== actual) return null;
  }
  return params;
}

// A malformed escape (`%E0%A4%A`) matches no id: the path is unknown, not a server error.
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
