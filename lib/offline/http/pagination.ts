import { OfflineApiError } from "../core/errors";

// OpenAI's cursor pages: `limit`, `order` and `after` (an id of the previous page's last item) in the query, answered
// with `{object: "list", data, first_id, last_id, has_more}`, which the SDK's `CursorPage` iterates.

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/** A cursor page of `items`, which are given oldest first; `what` names them in an unknown-cursor error. */
export function cursorPage<T extends { id?: string | undefined }>(request: Request, items: readonly T[], what: string, options: { defaultOrder?: "asc" | "desc"; maxLimit?: number } = {}) {
  const query = new URL(request.url).searchParams;
  const order = query.get("order") ?? options.defaultOrder ?? "desc";
  if (order !== "asc" && order !== "desc") {
    throw new OfflineApiError(400, `Invalid value for 'order': expected 'asc' or 'desc'.`, { param: "order", code: "invalid_value" });
  }
  const maxLimit = options.maxLimit ?? MAX_PAGE;
  const limitText = query.get("limit");
  const limit = limitText === null ? Math.min(DEFAULT_PAGE, maxLimit) : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new OfflineApiError(400, `Invalid value for 'limit': expected an integer from 1 to ${maxLimit}.`, { param: "limit", code: "invalid_value" });
  }
  const ordered = order === "asc" ? items : [...items].reverse();
  const after = query.get("after");
  const from = after === null ? 0 : ordered.findIndex((item) => item.id === after) + 1;
  if (after !== null && from === 0) throw new OfflineApiError(400, `No ${what} with id '${after}'.`, { param: "after", code: "invalid_value" });
  const data = ordered.slice(from, from + limit);
  return { object: "list" as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: from + limit < ordered.length };
}
