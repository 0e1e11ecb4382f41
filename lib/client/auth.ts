import { createAuthClient } from "better-auth/client";

/** Better Auth's browser client, on Arbor's own origin (/api/auth). */
export const authClient = createAuthClient({ basePath: "/api/auth" });
