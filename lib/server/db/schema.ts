import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { ContextMode, NodeError, NodeStatus } from "@/lib/contracts/nodes";
import type { WorkspaceRole } from "@/lib/contracts/team";
import type { TreeSettings } from "@/lib/contracts/trees";
import type { JsonObject } from "@/lib/responses/json";
import type { InputItem, Response, ResponseCreateParams, ResponseUsage } from "@/lib/responses/types";

// Request, response, input and event JSON use `json`, not `jsonb`: it keeps the text as sent, key order included,
// which is what people read in the inspector. Nothing queries inside those documents.


export const trees = pgTable("trees", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  providerId: text("provider_id").notNull(),
  model: text("model").notNull(),
  instructions: text("instructions"),
  settings: jsonb("settings").$type<TreeSettings>().notNull().default({}),
  /** "proxy" for a tree the recording proxy made for a client's calls; null for one made in Arbor. */
  source: text("source"),
  /** The client whose calls a captured tree records ("Codex", "openai-node"…). */
  clientName: text("client_name"),
  /** How the recording proxy finds this tree again (an X-Arbor-Tree name, a client session, a token and hour). */
  proxyKey: text("proxy_key").unique(),
  /** The workspace the tree belongs to ("local": the one workspace of a laptop without sign-in). */
  workspaceId: text("workspace_id")
    .notNull()
    .default("local")
    .references((): AnyPgColumn => workspaces.id, { onDelete: "cascade" }),
  /** The user who created the tree (null for trees made before accounts existed). */
  createdBy: text("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type TreeRow = typeof trees.$inferSelect;
export type NewTreeRow = typeof trees.$inferInsert;


export const nodes = pgTable(
  "nodes",
  {
    id: text("id").primaryKey(),
    treeId: text("tree_id")
      .notNull()
      .references(() => trees.id, { onDelete: "cascade" }),
    parentId: text("parent_id").references((): AnyPgColumn => nodes.id, { onDelete: "cascade" }),
    providerId: text("provider_id").notNull(),
    model: text("model").notNull(),
    /** The items this turn adds (never the whole history). */
    input: json("input").$type<InputItem[]>().notNull(),
    /** The exact JSON body sent upstream (no key). */
    request: json("request").$type<ResponseCreateParams>(),
    /** The final Response object as the provider returned it. */
    response: json("response").$type<Response>(),
    responseId: text("response_id"),
    status: text("status").$type<NodeStatus>().notNull(),
    error: json("error").$type<NodeError>(),
    contextMode: text("context_mode").$type<ContextMode>().notNull(),
    /** True when a chain call failed (previous response not found) and was retried once in replay mode. */
    contextFallback: boolean("context_fallback").notNull().default(false),
    store: boolean("store").notNull().default(true),
    usage: json("usage").$type<ResponseUsage>(),
    ttftMs: integer("ttft_ms"),
    durationMs: integer("duration_ms"),
    costUsd: doublePrecision("cost_usd"),
    label: text("label"),
    /** A reader's note on this node (what it shows, why it matters); searchable, never sent to a model. */
    note: text("note"),
    starred: boolean("starred").notNull().default(false),
    createdBy: text("created_by"),
    /**
     * The node a "compact from this node" root was made from (its context is that branch, compacted). No foreign key:
     * the root stays a compacted root, and says so, after that node is deleted.
     */
    compactedFrom: text("compacted_from"),
    /** "proxy" for a call recorded by the recording proxy; null for one made in Arbor. */
    source: text("source"),
    /** The recorded client's User-Agent, as it sent it. */
    userAgent: text("user_agent"),
    /** The client's name read from its User-Agent ("Codex", "openai-node"…), for the captured badge. */
    clientName: text("client_name"),
    /** The app instance running this node, while it runs; it renews `leaseExpiresAt` as long as it does. */
    leaseOwner: text("lease_owner"),
    /** When the run's owner last promised to be alive until; past it, any instance may settle the node. */
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    // Light copies of what the graph shows, so a 2,000-node tree loads without the heavy JSON.
    inputPreview: text("input_preview").notNull().default(""),
    /**
     * A short digest of this turn's input text exactly as stored: siblings with the same one asked the same thing (a
     * regenerate), whatever their 160-character previews say. Written by the database itself, for old rows too.
     */
    inputDigest: text("input_digest").generatedAlwaysAs(sql`left(md5(input::text), 12)`),
    outputPreview: text("output_preview").notNull().default(""),
    itemTypes: jsonb("item_types").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    citationCount: integer("citation_count").notNull().default(0),
    /** Images among this turn's input items (the card fetches the node for a thumbnail only when there are some). */
    inputImageCount: integer("input_image_count").notNull().default(0),
    /** The call ids this turn's function_call_output items answer, so a parent's pending calls count answered branches. */
    answeredCallIds: jsonb("answered_call_ids").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("nodes_tree_idx").on(t.treeId, t.createdAt),
    index("nodes_parent_idx").on(t.parentId),
    index("nodes_response_idx").on(t.responseId),
    index("nodes_running_idx").on(t.leaseExpiresAt).where(sql`${t.status} in ('queued', 'in_progress')`),
  ],
);
export type NodeRow = typeof nodes.$inferSelect;
export type NewNodeRow = typeof nodes.$inferInsert;

export const nodeEvents = pgTable(
  "node_events",
  {
    nodeId: text("node_id")
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    data: json("data").$type<JsonObject>().notNull(),
    /** Milliseconds since the request was sent. */
    atMs: integer("at_ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.seq] })],
);
export type NodeEventRow = typeof nodeEvents.$inferSelect;

/**
 * A node's stream events as saved since migration 0011: one row per saved batch, its events as one JSON array
 * ({seq, type, atMs, data} each) kept as text and decoded on read. One row and one index entry per batch instead of
 * per event is what keeps saving a fast stream cheap. Rows of `node_events` from before are still read.
 */
export const nodeEventBatches = pgTable(
  "node_event_batches",
  {
    nodeId: text("node_id")
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    firstSeq: integer("first_seq").notNull(),
    lastSeq: integer("last_seq").notNull(),
    events: text("events").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.firstSeq] })],
);

/** Responses stored by the offline engine (only those created with store: true). */
export const offlineResponses = pgTable(
  "offline_responses",
  {
    id: text("id").primaryKey(),
    previousResponseId: text("previous_response_id"),
    response: json("response").$type<Record<string, unknown>>().notNull(),
    /** This turn's input items, normalised to item objects with ids. */
    inputItems: json("input_items").$type<Record<string, unknown>[]>().notNull(),
    /** The create request of a background response, so a restarted engine can generate it again. */
    request: json("request").$type<Record<string, unknown>>(),
    /** While a background response is generated, until when its engine promises to be alive (renewed as it runs). */
    runLeaseExpiresAt: timestamp("run_lease_expires_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("offline_responses_prev_idx").on(t.previousResponseId)],
);
export type OfflineResponseRow = typeof offlineResponses.$inferSelect;

/** Files uploaded to the offline engine (`POST /files`); the bytes are kept base64-encoded. */
export const offlineFiles = pgTable("offline_files", {
  id: text("id").primaryKey(),
  filename: text("filename").notNull(),
  purpose: text("purpose").notNull(),
  mimeType: text("mime_type").notNull(),
  bytes: integer("bytes").notNull(),
  contentBase64: text("content_base64").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type OfflineFileRow = typeof offlineFiles.$inferSelect;

/** Vector stores of the offline engine: named sets of indexed files. */
export const offlineVectorStores = pgTable("offline_vector_stores", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  metadata: json("metadata").$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type OfflineVectorStoreRow = typeof offlineVectorStores.$inferSelect;

/** A file added to a vector store: its processing outcome. */
export const offlineVectorStoreFiles = pgTable(
  "offline_vector_store_files",
  {
    vectorStoreId: text("vector_store_id")
      .notNull()
      .references(() => offlineVectorStores.id, { onDelete: "cascade" }),
    fileId: text("file_id")
      .notNull()
      .references(() => offlineFiles.id, { onDelete: "cascade" }),
    status: text("status").$type<"completed" | "failed">().notNull(),
    lastError: json("last_error").$type<{ code: string; message: string }>(),
    usageBytes: integer("usage_bytes").notNull().default(0),
    chunking: json("chunking").$type<{ maxChunkSizeTokens: number; chunkOverlapTokens: number }>().notNull(),
    /** The caller's key-value attributes (strings, numbers, booleans), kept as given. */
    attributes: json("attributes").$type<Record<string, string | number | boolean>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.vectorStoreId, t.fileId] })],
);
export type OfflineVectorStoreFileRow = typeof offlineVectorStoreFiles.$inferSelect;

/** The extracted text of a file in a vector store, cut into overlapping chunks for search. */
export const offlineChunks = pgTable(
  "offline_chunks",
  {
    vectorStoreId: text("vector_store_id").notNull(),
    fileId: text("file_id").notNull(),
    index: integer("chunk_index").notNull(),
    text: text("text").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.vectorStoreId, t.fileId, t.index] }),
    foreignKey({ columns: [t.vectorStoreId, t.fileId], foreignColumns: [offlineVectorStoreFiles.vectorStoreId, offlineVectorStoreFiles.fileId] }).onDelete("cascade"),
  ],
);

/** File batches of the offline engine: which files one `POST /vector_stores/:id/file_batches` added. */
export const offlineFileBatches = pgTable("offline_file_batches", {
  id: text("id").primaryKey(),
  vectorStoreId: text("vector_store_id")
    .notNull()
    .references(() => offlineVectorStores.id, { onDelete: "cascade" }),
  fileIds: json("file_ids").$type<string[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type OfflineFileBatchRow = typeof offlineFileBatches.$inferSelect;

/** Conversations of the offline engine (`POST /conversations`): a durable list of items responses read and extend. */
export const offlineConversations = pgTable("offline_conversations", {
  id: text("id").primaryKey(),
  metadata: json("metadata").$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type OfflineConversationRow = typeof offlineConversations.$inferSelect;

/** One item of an offline conversation, in order (`position` grows as items are added). */
export const offlineConversationItems = pgTable(
  "offline_conversation_items",
  {
    conversationId: text("conversation_id")
      .notNull()
      .references(() => offlineConversations.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    position: integer("position").notNull(),
    item: json("item").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.itemId] }), index("offline_conversation_items_position_idx").on(t.conversationId, t.position)],
);
export type OfflineConversationItemRow = typeof offlineConversationItems.$inferSelect;

/** Small facts about this installation (for example that the example tree was offered once). */
export const appState = pgTable("app_state", {
  key: text("key").primaryKey(),
  value: json("value").$type<unknown>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

// Accounts: Better Auth's own tables (user, session, account, verification), read and written by its drizzle adapter.

export const authUsers = pgTable("auth_users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type AuthUserRow = typeof authUsers.$inferSelect;

export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    token: text("token").notNull().unique(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true, mode: "date" }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true, mode: "date" }),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

export const authVerifications = pgTable("auth_verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

// Workspaces: who may do what with which trees.

export const workspaces = pgTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type WorkspaceRow = typeof workspaces.$inferSelect;

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    role: text("role").$type<WorkspaceRole>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("workspace_members_user_idx").on(t.userId)],
);
export type WorkspaceMemberRow = typeof workspaceMembers.$inferSelect;

/** An invitation to join a workspace with a role; only the hash of its token is kept. */
export const invites = pgTable("invites", {
  id: text("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  workspaceId: text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  role: text("role").$type<WorkspaceRole>().notNull(),
  createdBy: text("created_by").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  acceptedBy: text("accepted_by"),
  acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type InviteRow = typeof invites.$inferSelect;

/** A read-only link to a tree, or to one root-to-node branch of it; deleting the row revokes it. */
export const shares = pgTable(
  "shares",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    treeId: text("tree_id")
      .notNull()
      .references(() => trees.id, { onDelete: "cascade" }),
    nodeId: text("node_id").references(() => nodes.id, { onDelete: "cascade" }),
    createdBy: text("created_by").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("shares_tree_idx").on(t.treeId)],
);
export type ShareRow = typeof shares.$inferSelect;

/** A spending limit of a workspace (subject "*") or of one of its users, per day or per month. */
export const budgets = pgTable(
  "budgets",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    period: text("period").$type<"day" | "month">().notNull(),
    maxCostUsd: doublePrecision("max_cost_usd"),
    maxTokens: integer("max_tokens"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.subject, t.period] })],
);
export type BudgetRow = typeof budgets.$inferSelect;

/** A workspace's own key for a provider, encrypted with ARBOR_SECRET (AES-256-GCM); never returned. */
export const providerKeys = pgTable(
  "provider_keys",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    providerId: text("provider_id").notNull(),
    ciphertext: text("ciphertext").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.providerId] })],
);

/** A personal API token for the recording proxy: a user's key in one workspace; only its digest is kept. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The token's first and last characters, to tell tokens apart in a list. */
    hint: text("hint").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId, t.workspaceId)],
);
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type NewApiTokenRow = typeof apiTokens.$inferInsert;
