import type { ContextMode, NodeError, NodeStatus } from "@/lib/db/schema";

export type { ContextMode, NodeError, NodeStatus };

/** A tree as the API returns it. */
export type Tree = {
  id: string;
  title: string;
  providerId: string;
  model: string;
  instructions: string | null;
  settings: { tools?: unknown[]; params?: Record<string, unknown> };
  createdAt: string;
  updatedAt: string;
};

/** A tree in the list, with its node count. */
export type TreeListItem = Tree & { nodeCount: number };

/** What the graph needs of a node: light fields only. */
export type NodeSummary = {
  id: string;
  treeId: string;
  parentId: string | null;
  responseId: string | null;
  status: NodeStatus;
  providerId: string;
  model: string;
  contextMode: ContextMode;
  contextFallback: boolean;
  store: boolean;
  label: string | null;
  inputPreview: string;
  outputPreview: string;
  itemTypes: string[];
  citationCount: number;
  /** How many images this turn's input holds. */
  inputImageCount: number;
  usage: Record<string, unknown> | null;
  ttftMs: number | null;
  durationMs: number | null;
  costUsd: number | null;
  error: NodeError | null;
  createdAt: string;
};

/** The full node: the summary plus the heavy JSON. */
export type NodeDetail = NodeSummary & {
  input: unknown[];
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
};

/** A stored stream event. */
export type NodeEvent = { seq: number; type: string; atMs: number; data: Record<string, unknown> };
