import { ArborError } from "@/lib/contracts/errors";
import { route } from "@/lib/server/http/route";
import { authHandler } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";

/** Better Auth's own routes (sign-up, sign-in, sign-out, session), behind Arbor's host and origin checks. */
const handle = route(async (request: Request) => {
  const handler = await authHandler();
  if (!handler) throw new ArborError("not_found", "Sign-in is off on this Arbor (ARBOR_AUTH).");
  return handler(request);
});

export { handle as GET, handle as POST };
