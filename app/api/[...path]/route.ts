import { ArborError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** Any other /api path: the one error shape, not an HTML page. */
async function notFound(request: Request): Promise<Response> {
  return errorResponse(new ArborError("not_found", `No API route ${request.method} ${new URL(request.url).pathname}`));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
