import { handleOfflineRequest } from "@/lib/offline/http/router";

// The built-in offline Responses engine, OpenAI-compatible: point any OpenAI client at /api/offline/v1.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ path: string[] }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { path } = await params;
  return handleOfflineRequest(request, path);
}

// Every method reaches the engine, so a wrong one is answered in OpenAI's shape (405 with Allow), not Next's empty 405.
export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const OPTIONS = handle;
