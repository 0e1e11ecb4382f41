import { otherMethods, route } from "@/lib/server/http/route";
import { metricsText } from "@/lib/server/services/system";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this instance: runs in flight, events, outcomes, upstream errors, stream and first-token times. */
export const GET = route(async () => {
  const { contentType, text } = await metricsText();
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
