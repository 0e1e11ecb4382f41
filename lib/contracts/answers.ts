import type { ApiToken } from "./api-tokens";
import type { NodeContext, NodeDetail, NodeEvent } from "./nodes";
import type { ProviderFile, ProviderInfo, VectorStoreFileInfo, VectorStoreInfo } from "./providers";
import type { SearchResults } from "./search";
import type { Budget, Invite, Member, ProviderKeyInfo, Share, SharedTree, UsageRow, Viewer } from "./team";
import type { InputTokenEstimate } from "./tokens";
import type { PackedTree } from "./tree-wire";
import type { Tree, TreeDetail, TreeListItem } from "./trees";

/**
 * What each route of Arbor's API answers when it succeeds, keyed by method and path: the routes answer with these
 * types and the browser's client reads them, so the two cannot drift apart. Errors are `ErrorBody` everywhere.
 */
export type Answers = {
  "GET /api/health": { ok: boolean; database: string; providers: string[] };
  "GET /api/ready": { ready: boolean; reason: string | null };
  "GET /api/providers": { providers: ProviderInfo[] };
  "GET /api/trees": { trees: TreeListItem[] };
  "POST /api/trees": { tree: Tree };
  "GET /api/trees/:id": TreeDetail;
  /** The same in the compact form the browser reads (lib/contracts/tree-wire.ts). */
  "GET /api/trees/:id?view=packed": PackedTree;
  "PATCH /api/trees/:id": { tree: Tree };
  "DELETE /api/trees/:id": { ok: true };
  "POST /api/trees/:id/nodes": { node: NodeDetail };
  "POST /api/trees/:id/input-tokens": InputTokenEstimate;
  "POST /api/trees/import": { tree: Tree; nodeCount: number };
  "POST /api/trees/example": { tree: Tree; nodeCount: number };
  "GET /api/nodes/:id": { node: NodeDetail };
  "PATCH /api/nodes/:id": { node: NodeDetail };
  "DELETE /api/nodes/:id": { ok: true; deleted: number };
  "GET /api/search": SearchResults;
  "GET /api/nodes/:id/events": { events: NodeEvent[] };
  "GET /api/nodes/:id/context": NodeContext;
  "POST /api/nodes/:id/cancel": { node: NodeDetail };
  "POST /api/nodes/:id/repeat": { node: NodeDetail };
  "POST /api/nodes/:id/compact": { node: NodeDetail };
  "GET /api/providers/:id/vector_stores": { vectorStores: VectorStoreInfo[] };
  "POST /api/providers/:id/vector_stores": { vectorStore: VectorStoreInfo };
  "GET /api/providers/:id/vector_stores/:vs/files": { files: VectorStoreFileInfo[] };
  "POST /api/providers/:id/vector_stores/:vs/files": { file: VectorStoreFileInfo };
  "POST /api/providers/:id/files": { file: ProviderFile };
  "GET /api/me": { me: Viewer };
  "GET /api/invites": { invites: Invite[] };
  "POST /api/invites": { invite: Invite };
  "DELETE /api/invites/:id": { ok: true };
  "GET /api/tokens": { tokens: ApiToken[] };
  "POST /api/tokens": { token: ApiToken };
  "DELETE /api/tokens/:id": { ok: true };
  "GET /api/members": { members: Member[] };
  "PATCH /api/members/:userId": { ok: true };
  "DELETE /api/members/:userId": { ok: true };
  "GET /api/trees/:id/shares": { shares: Share[] };
  "POST /api/trees/:id/shares": { share: Share };
  "DELETE /api/shares/:id": { ok: true };
  "GET /api/s/:token": SharedTree;
  "GET /api/s/:token/nodes/:nodeId": { node: NodeDetail };
  "GET /api/s/:token/nodes/:nodeId/events": { events: NodeEvent[] };
  "GET /api/s/:token/nodes/:nodeId/context": NodeContext;
  "POST /api/s/:token/copy": { tree: Tree; nodeCount: number };
  "GET /api/budgets": { budgets: Budget[] };
  "PUT /api/budgets": { budgets: Budget[] };
  "GET /api/usage": { usage: UsageRow[] };
  "GET /api/provider-keys": { keys: ProviderKeyInfo[] };
  "PUT /api/provider-keys/:providerId": { keys: ProviderKeyInfo[] };
  "DELETE /api/provider-keys/:providerId": { keys: ProviderKeyInfo[] };
};
