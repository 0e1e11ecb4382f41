import type { ResponseUsage } from "@/lib/responses/types";
import type { ContextMode, NodeError, NodeStatus, NodeSummary } from "./nodes";
import type { Tree, TreeDetail, TreePerson } from "./trees";

// `GET /api/trees/:id?view=packed`: the same tree and node summaries as the plain answer, in a compact form the
// browser reads (a 10,000-node tree is a few MB as plain JSON, mostly the same keys and strings over and over).
// Each node is one array; strings that repeat (status, provider, model, context mode, item types) are indexes into
// one list; a parent is the index of an earlier node; usage of the usual shape is five or six numbers; the creation
// time is milliseconds after the node before. unpackTree(packTree(x)) equals x.

/** The query value that asks for the packed answer. */
export const PACKED_VIEW = "packed";

/** Where the browser reads a tree in the packed form (the page preloads this very URL for a big tree). */
export const packedTreePath = (treeId: string) => `/api/trees/${encodeURIComponent(treeId)}?view=${PACKED_VIEW}`;

type PackedUsage = number[] | ResponseUsage | null;

/**
 * One node: id, parent (index of an earlier node, its id when it is not earlier, or null), responseId, status,
 * provider, model, context mode, flags (1 = contextFallback, 2 = store, 4 = starred), label, inputPreview,
 * outputPreview, item types, citationCount, inputImageCount, answeredCallIds, usage, ttftMs, durationMs, costUsd, error,
 * createdAt (ms after the previous node's; the first after 0), note, source, clientName and createdBy (the last three
 * interned, or null), compactedFrom (the id of the node a compacted root was made from, or null), and inputDigest.
 */
export type PackedNode = [
  string,
  number | string | null,
  string | null,
  number,
  number,
  number,
  number,
  number,
  string | null,
  string,
  string,
  number,
  number,
  number,
  string[],
  PackedUsage,
  number | null,
  number | null,
  number | null,
  NodeError | null,
  number,
  string | null,
  number | null,
  number | null,
  number | null,
  string | null,
  string | null,
];

export type PackedTree = { tree: Tree; view: typeof PACKED_VIEW; strings: string[]; nodes: PackedNode[]; people?: TreePerson[] };

/** The packed form of a tree and its summaries (each summary's treeId is the tree's). */
export function packTree(detail: TreeDetail): PackedTree {
  let packed = packedNodes.get(detail.nodes);
  if (!packed) {
    packed = packNodes(detail.nodes);
    packedNodes.set(detail.nodes, packed);
  }
  return { tree: detail.tree, view: PACKED_VIEW, strings: packed.strings, nodes: packed.nodes, ...(detail.people ? { people: detail.people } : {}) };
}

/**
 * The JSON text of a tree answer: `JSON.stringify(packTree(detail))` with `packed`, else `JSON.stringify(detail)`
 * (keys tree, nodes, people). The text of the nodes is kept with the list of summaries, so a big tree answered again
 * unchanged is not serialised again (a few MB each time).
 */
export function treeAnswerText(detail: TreeDetail, packed: boolean): string {
  const people = detail.people === undefined ? "" : `,"people":${JSON.stringify(detail.people)}`;
  const texts = nodeTexts.get(detail.nodes) ?? {};
  nodeTexts.set(detail.nodes, texts);
  if (!packed) {
    texts.plain ??= JSON.stringify(detail.nodes);
    return `{"tree":${JSON.stringify(detail.tree)},"nodes":${texts.plain}${people}}`;
  }
  if (texts.packed === undefined) {
    const { strings, nodes } = packTree({ tree: detail.tree, nodes: detail.nodes });
    texts.packed = `"strings":${JSON.stringify(strings)},"nodes":${JSON.stringify(nodes)}`;
  }
  return `{"tree":${JSON.stringify(detail.tree)},"view":${JSON.stringify(PACKED_VIEW)},${texts.packed}${people}}`;
}

const nodeTexts = new WeakMap<readonly NodeSummary[], { plain?: string; packed?: string }>();

// The packed nodes of a list of summaries already packed (the server answers the same list of a big tree again until
// one of its nodes changes).
const packedNodes = new WeakMap<readonly NodeSummary[], { strings: string[]; nodes: PackedNode[] }>();

function packNodes(summaries: readonly NodeSummary[]): { strings: string[]; nodes: PackedNode[] } {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (value: string) => {
    let at = stringIndex.get(value);
    if (at === undefined) {
      at = strings.push(value) - 1;
      stringIndex.set(value, at);
    }
    return at;
  };
  const position = new Map<string, number>();
  let previousMs = 0;
  const internOrNull = (value: string | null) => (value === null ? null : intern(value));
  const nodes = summaries.map((n, i): PackedNode => {
    position.set(n.id, i);
    const parent = n.parentId === null ? null : (position.get(n.parentId) ?? n.parentId);
    const createdMs = Date.parse(n.createdAt);
    const delta = createdMs - previousMs;
    previousMs = createdMs;
    return [
      n.id,
      parent,
      n.responseId,
      intern(n.status),
      intern(n.providerId),
      intern(n.model),
      intern(n.contextMode),
      (n.contextFallback ? 1 : 0) | (n.store ? 2 : 0) | (n.starred ? 4 : 0),
      n.label,
      n.inputPreview,
      n.outputPreview,
      intern(JSON.stringify(n.itemTypes)),
      n.citationCount,
      n.inputImageCount,
      n.answeredCallIds,
      packUsage(n.usage),
      n.ttftMs,
      n.durationMs,
      n.costUsd,
      n.error,
      delta,
      n.note,
      internOrNull(n.source),
      internOrNull(n.clientName),
      internOrNull(n.createdBy),
      n.compactedFrom,
      n.inputDigest,
    ];
  });
  return { strings, nodes };
}

/** The tree and summaries a packed answer stands for. */
export function unpackTree(packed: PackedTree): TreeDetail {
  const { strings } = packed;
  const treeId = packed.tree.id;
  const ids: string[] = [];
  const itemTypes = new Map<number, string[]>();
  let createdMs = 0;
  const nodes = packed.nodes.map((p): NodeSummary => {
    const [id, parent, responseId, status, providerId, model, contextMode, flags, label, inputPreview, outputPreview, types] = p;
    ids.push(id);
    createdMs += p[20];
    const stringOrNull = (at: number | null) => (at === null ? null : (strings[at] ?? null));
    let typeList = itemTypes.get(types);
    if (!typeList) {
      typeList = JSON.parse(strings[types] ?? "[]") as string[];
      itemTypes.set(types, typeList);
    }
    return {
      id,
      treeId,
      parentId: typeof parent === "number" ? (ids[parent] ?? null) : parent,
      responseId,
      status: strings[status] as NodeStatus,
      providerId: strings[providerId] ?? "",
      model: strings[model] ?? "",
      contextMode: strings[contextMode] as ContextMode,
      contextFallback: (flags & 1) !== 0,
      store: (flags & 2) !== 0,
      label,
      note: p[21],
      starred: (flags & 4) !== 0,
      inputPreview,
      outputPreview,
      itemTypes: [...typeList],
      citationCount: p[12],
      inputImageCount: p[13],
      answeredCallIds: p[14],
      usage: unpackUsage(p[15]),
      ttftMs: p[16],
      durationMs: p[17],
      costUsd: p[18],
      error: p[19],
      source: stringOrNull(p[22]),
      clientName: stringOrNull(p[23]),
      createdBy: stringOrNull(p[24]),
      compactedFrom: p[25] ?? null,
      inputDigest: p[26] ?? null,
      createdAt: new Date(createdMs).toISOString(),
    };
  });
  return { tree: packed.tree, nodes, ...(packed.people ? { people: packed.people } : {}) };
}

const USAGE_KEYS = ["input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details", "total_tokens"];

// The usual usage shape as [input, cached, output, reasoning, total(, cache writes)]; anything else as it is.
function packUsage(usage: ResponseUsage | null): PackedUsage {
  if (!usage) return null;
  const keys = Object.keys(usage);
  const input = Object.keys(usage.input_tokens_details ?? {});
  const output = Object.keys(usage.output_tokens_details ?? {});
  const extra = usage.input_tokens_details as { cache_write_tokens?: number } | undefined;
  const usual =
    keys.length === USAGE_KEYS.length &&
    USAGE_KEYS.every((key) => keys.includes(key)) &&
    output.length === 1 &&
    output[0] === "reasoning_tokens" &&
    input.includes("cached_tokens") &&
    input.every((key) => key === "cached_tokens" || key === "cache_write_tokens");
  if (!usual) return usage;
  const numbers = [usage.input_tokens, usage.input_tokens_details.cached_tokens, usage.output_tokens, usage.output_tokens_details.reasoning_tokens, usage.total_tokens];
  if (!numbers.every((n) => typeof n === "number")) return usage;
  return extra?.cache_write_tokens === undefined ? numbers : [...numbers, extra.cache_write_tokens];
}

function unpackUsage(packed: PackedUsage): ResponseUsage | null {
  if (!Array.isArray(packed)) return packed;
  const [input = 0, cached = 0, output = 0, reasoning = 0, total = 0, cacheWrites] = packed;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached, ...(cacheWrites === undefined ? {} : { cache_write_tokens: cacheWrites }) },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: total,
  } as ResponseUsage;
}
