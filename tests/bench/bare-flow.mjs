// The bare React Flow page of the large-tree bench (./bare-flow/app.jsx): built once with esbuild, served from the
// bench's own process on loopback with the tree it is given as tree.json.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { root } from "./support.mjs";

const here = path.join(root, "tests", "bench", "bare-flow");

/** Build the page's script (production React, minified) and serve it with `tree`; answers its URL and a stop. */
export async function serveBarePage(tree, port) {
  const bundle = await build({
    entryPoints: [path.join(here, "app.jsx")],
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  const files = {
    "/": { type: "text/html", body: '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="style.css"><link rel="preload" href="tree.json" as="fetch" crossorigin></head><body style="margin:0"><div id="root"></div><script type="module" src="app.js"></script></body></html>' },
    "/app.js": { type: "text/javascript", body: bundle.outputFiles[0].contents },
    "/style.css": { type: "text/css", body: readFileSync(path.join(root, "node_modules", "@xyflow", "react", "dist", "style.css")) },
    "/tree.json": { type: "application/json", body: JSON.stringify(tree) },
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://localhost").pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => new Promise((resolve) => server.close(resolve)) };
}
