// The bare React Flow page the large-tree bench measures Arbor against: the same tree, read as JSON, laid out with
// d3-hierarchy's tidy tree and drawn with React Flow's default nodes at Arbor's card size, nothing else on the page.
// Built by ../bare-flow.mjs with esbuild (production React), served from the bench process.
import { ReactFlow } from "@xyflow/react";
import { stratify, tree as tidyTree } from "d3-hierarchy";
import { createRoot } from "react-dom/client";

const WIDTH = 248;
const HEIGHT = 100;
/** The first view, like Arbor's for a big tree: the first root's neighbourhood, not a whole tree too small to read. */
const FIRST_VIEW = 15;

// Asked for as the script starts, as Arbor's page asks for its tree from its head.
const answer = fetch("tree.json").then((response) => response.json());

function layout(list) {
  const root = stratify()
    .id((d) => d.id)
    .parentId((d) => d.parentId)(list);
  tidyTree().nodeSize([HEIGHT + 20, WIDTH + 56])(root);
  const nodes = [];
  const edges = [];
  root.each((d) => {
    nodes.push({ id: d.id, position: { x: d.y, y: d.x }, data: { label: d.data.label }, width: WIDTH, height: HEIGHT, sourcePosition: "right", targetPosition: "left" });
    if (d.parent) edges.push({ id: `${d.parent.id}->${d.id}`, source: d.parent.id, target: d.id, type: "smoothstep" });
  });
  return { nodes, edges };
}

function App({ graph }) {
  const first = graph.nodes.slice(0, FIRST_VIEW).map((node) => ({ id: node.id }));
  return (
    <div style={{ width: "100vw", height: "100vh" }}>
      <ReactFlow nodes={graph.nodes} edges={graph.edges} fitView fitViewOptions={{ nodes: first, maxZoom: 1 }} minZoom={0.05} onlyRenderVisibleElements nodesDraggable={false} nodesConnectable={false} />
    </div>
  );
}

answer.then((list) => createRoot(document.getElementById("root")).render(<App graph={layout(list)} />));
