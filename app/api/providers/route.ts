import { listProviders, toPublicProvider } from "@/lib/providers/registry";
import { json, route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ providers: listProviders().map(toPublicProvider) }));
