import { z } from "zod";
import { pathId, readQuery } from "@/lib/server/http/body";
import { otherMethods, route } from "@/lib/server/http/route";
import { BRANCH_FORMATS } from "@/lib/tree/branch-export";
import { exportBranch, exportTree } from "@/lib/server/services/export";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const querySchema = z
  .object({ branch: z.string().optional(), format: z.enum(["json", ...BRANCH_FORMATS]).default("json") })
  .refine((q) => q.format === "json" || q.branch !== undefined, { message: "a Markdown or script export is of one branch: give ?branch=<nodeId>", path: ["branch"] });

/**
 * The tree as Arbor JSON (a download); `?branch=<nodeId>` keeps only the branch from the root to that node, and
 * `&format=markdown|typescript|python` writes that branch as a transcript or a script that asks it again.
 */
export const GET = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  const { branch, format } = readQuery(request, querySchema);
  if (format !== "json") {
    const file = await exportBranch(id, pathId(branch, "node"), format, new URL(request.url).origin);
    return new Response(file.text, {
      headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" },
    });
  }
  const data = await exportTree(id, branch === undefined ? undefined : pathId(branch, "node"));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="arbor-${id}${branch ? `-branch-${branch}` : ""}.json"`,
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
