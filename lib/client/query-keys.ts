// React Query keys, in one place so cache updates and reads agree. No hooks here: the tree page's server component
// imports these keys too, to hand the tree it loaded to the browser's cache.

export const queryKeys = {
  providers: ["providers"] as const,
  trees: ["trees"] as const,
  tree: (id: string) => ["tree", id] as const,
  me: ["me"] as const,
  tokens: ["tokens"] as const,
  shares: (treeId: string) => ["shares", treeId] as const,
  node: (id: string) => ["node", id] as const,
  nodeContext: (id: string) => ["node", id, "context"] as const,
  /** A node's events; `live` while it runs, so the finished list is read afresh once it completes. */
  nodeEvents: (id: string, live: boolean) => ["node-events", id, live ? "live" : "final"] as const,
  search: (q: string) => ["search", q] as const,
  vectorStores: (providerId: string) => ["vector-stores", providerId] as const,
  vectorStoreFiles: (providerId: string, vectorStoreId: string) => ["vector-store-files", providerId, vectorStoreId] as const,
};
