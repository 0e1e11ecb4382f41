/** One value of a JSON document, in document order; a container's descendants follow it up to `end`. */
export type JsonNode = {
  /** Object key, array index, or null for the root. */
  key: string | number | null;
  depth: number;
  parent: number;
  kind: "object" | "array" | "primitive";
  /** A primitive as JSON text (`"text"`, `12`, `true`, `null`); empty for containers. */
  text: string;
  /** Number of children of a container. */
  size: number;
  /** Index just past the last descendant. */
  end: number;
  /** Last entry of its parent (no trailing comma). */
  last: boolean;
};

/** A line of the tree as drawn: a container's opening or closing line, a folded container, or a primitive. */
export type JsonRow = { node: number; part: "open" | "close" | "folded" | "leaf" };

/** A search hit: an object key or a primitive's text containing the query. */
export type JsonMatch = { node: number; part: "key" | "value" };

/** Documents up to this many values open fully; bigger ones open only their top levels. */
const OPEN_ALL_LIMIT = 400;
/** In a big document, containers with more children than this start folded even near the top. */
const OPEN_SIZE_LIMIT = 50;

/** Flatten a JSON value into its nodes, in document order. */
export function flattenJson(value: unknown): JsonNode[] {
  const nodes: JsonNode[] = [];
  const visit = (item: unknown, key: string | number | null, depth: number, parent: number, last: boolean) => {
    const at = nodes.length;
    const container = item !== null && typeof item === "object";
    const entries: [string | number, unknown][] = !container
      ? []
      : Array.isArray(item)
        ? item.map((child: unknown, index) => [index, child])
        : Object.entries(item);
    nodes.push({
      key,
      depth,
      parent,
      kind: !container ? "primitive" : Array.isArray(item) ? "array" : "object",
      text: container ? "" : (JSON.stringify(item) ?? "null"),
      size: entries.length,
      end: at + 1,
      last,
    });
    entries.forEach(([childKey, child], index) => visit(child, childKey, depth + 1, at, index === entries.length - 1));
    const node = nodes[at];
    if (node) node.end = nodes.length;
  };
  visit(value, null, 0, -1, true);
  return nodes;
}

/** Whether a container starts open: everything in a small document, the top levels of a big one. */
export function openByDefault(nodes: readonly JsonNode[], index: number): boolean {
  const node = nodes[index];
  if (!node) return false;
  if (node.depth === 0 || nodes.length <= OPEN_ALL_LIMIT) return true;
  return node.depth < 2 && node.size <= OPEN_SIZE_LIMIT;
}

/** The rows drawn for the current folding: folded containers hide their descendants. */
export function visibleRows(nodes: readonly JsonNode[], isOpen: (index: number) => boolean): JsonRow[] {
  const rows: JsonRow[] = [];
  const closing: number[] = [];
  let i = 0;
  while (i < nodes.length) {
    const node = nodes[i];
    if (!node) break;
    while (closing.length > 0 && (nodes[closing.at(-1) ?? 0]?.end ?? 0) <= i) rows.push({ node: closing.pop() ?? 0, part: "close" });
    if (node.kind === "primitive" || node.size === 0) {
      rows.push({ node: i, part: "leaf" });
      i += 1;
    } else if (isOpen(i)) {
      rows.push({ node: i, part: "open" });
      closing.push(i);
      i += 1;
    } else {
      rows.push({ node: i, part: "folded" });
      i = node.end;
    }
  }
  while (closing.length > 0) rows.push({ node: closing.pop() ?? 0, part: "close" });
  return rows;
}

/** Object keys and primitive values (as shown, without a string's quotes) containing `query`, case-insensitively. */
export function searchJson(nodes: readonly JsonNode[], query: string): JsonMatch[] {
  const needle = query.toLowerCase();
  if (needle === "") return [];
  const matches: JsonMatch[] = [];
  nodes.forEach((node, index) => {
    if (typeof node.key === "string" && node.key.toLowerCase().includes(needle)) matches.push({ node: index, part: "key" });
    if (node.kind === "primitive" && shownValue(node).toLowerCase().includes(needle)) matches.push({ node: index, part: "value" });
  });
  return matches;
}

/** A primitive's searchable text: a string without its quotes, anything else as written. */
export function shownValue(node: JsonNode): string {
  return node.text.startsWith('"') ? node.text.slice(1, -1) : node.text;
}

/** The containers that hold any of `matches`, so a search can open the paths to them. */
export function ancestorsOf(nodes: readonly JsonNode[], matches: readonly JsonMatch[]): Set<number> {
  const open = new Set<number>();
  for (const match of matches) {
    let parent = nodes[match.node]?.parent ?? -1;
    while (parent >= 0 && !open.has(parent)) {
      open.add(parent);
      parent = nodes[parent]?.parent ?? -1;
    }
  }
  return open;
}
