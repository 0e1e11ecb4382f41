import { ArborError } from "@/lib/contracts/errors";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Any other /api path: the one error shape, not an HTML page. */
const notFound = route(async (request: Request) => {
  throw new ArborError("not_found", `No API route ${request.method} ${new URL(request.url).pathname.slice(0, 200)}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
