import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";

const artifactsDir = path.join(process.cwd(), "tests", "e2e", "artifacts");

/** Save a full-page screenshot to tests/e2e/artifacts/<name>.png (gitignored) for a human to look at. */
export async function saveArtifact(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await transitionsDone(page);
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Save the page as it stands in light and dark (<name>-light.png, <name>-dark.png), back in light after. */
export async function bothThemes(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await saveArtifact(page, `${name}-light`);
  await switchTheme(page, "dark");
  await saveArtifact(page, `${name}-dark`);
  await switchTheme(page, "light");
}

/** Switch the page's theme with the header toggle (remembered in localStorage like a user's choice). */
export async function switchTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  const html = page.locator("html");
  const isDark = ((await html.getAttribute("class")) ?? "").split(/\s+/).includes("dark");
  if (isDark === (theme === "dark")) return;
  await page.getByRole("button", { name: `Switch to ${theme} theme` }).click();
  if (theme === "dark") await expect(html).toHaveClass(/\bdark\b/);
  else await expect(html).not.toHaveClass(/\bdark\b/);
  await transitionsDone(page);
}

/** Wait until no CSS transition runs (colours fading after a theme switch), so a screenshot shows the settled page. */
export async function transitionsDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition)));
}

/** `?node=` of the current URL: the selection as the address bar holds it. */
export function selectedInUrl(page: Page): string | null {
  return new URL(page.url()).searchParams.get("node");
}

/** The tree id of a `/t/<id>` URL. */
export function treeIdInUrl(page: Page): string {
  const match = /\/t\/([^/?#]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`Not on a tree page: ${page.url()}`);
  return match[1];
}

/** The explorer of one tree, located the way a user finds things: by role, label and test id. */
export class ExplorerPage {
  readonly graph: Locator;
  readonly cards: Locator;
  readonly composer: Locator;
  readonly composerTarget: Locator;
  readonly sendButton: Locator;
  readonly modelSelect: Locator;
  readonly contextSelect: Locator;
  readonly inspector: Locator;
  readonly answer: Locator;

  constructor(readonly page: Page) {
    this.graph = page.getByRole("region", { name: /^Conversation graph/ });
    this.cards = page.getByTestId("graph-node");
    const composer = page.getByRole("region", { name: "Composer" });
    this.composer = composer.getByRole("textbox", { name: "Message", exact: true });
    this.composerTarget = page.getByTestId("composer-target");
    this.sendButton = composer.getByRole("button", { name: "Send", exact: true });
    this.modelSelect = composer.getByRole("combobox", { name: "Model", exact: true });
    this.contextSelect = composer.getByRole("combobox", { name: "Context mode", exact: true });
    this.inspector = page.getByRole("complementary", { name: "Inspector" });
    this.answer = this.inspector.getByRole("region", { name: "Answer", exact: true });
  }

  async open(treeId: string, nodeId?: string): Promise<void> {
    await this.page.goto(nodeId ? `/t/${treeId}?node=${nodeId}` : `/t/${treeId}`);
    // The composer region, not its message box: after a function call it asks for the call's output instead.
    await expect(this.page.getByRole("region", { name: "Composer" })).toBeVisible();
    await this.ready();
  }

  /** Wait until the server-rendered explorer has been hydrated: before that, keys and clicks reach no handler. */
  async ready(): Promise<void> {
    await expect(this.page.getByTestId("explorer")).toHaveAttribute("data-hydrated", "true");
  }

  card(nodeId: string): Locator {
    return this.page.locator(`[data-testid="graph-node"][data-node-id="${nodeId}"]`);
  }

  tab(name: "Answer" | "Tools" | "Events" | "Usage" | "Request" | "Response"): Locator {
    return this.inspector.getByRole("tab", { name, exact: true });
  }

  /** The JSON shown in the inspector's open Request or Response tab, parsed. */
  async shownJson(): Promise<Record<string, unknown>> {
    const code = this.inspector.getByRole("tabpanel").getByRole("code");
    await expect(code).toBeVisible();
    return JSON.parse(await code.innerText()) as Record<string, unknown>;
  }

  /** The node id the inspector shows in its header. */
  inspectedNodeId(): Locator {
    return this.inspector.getByTitle("Node id", { exact: true });
  }

  async select(nodeId: string): Promise<void> {
    await this.card(nodeId).click();
    await expect(this.card(nodeId)).toHaveAttribute("data-selected", "true");
    await expect(this.inspectedNodeId()).toHaveText(nodeId);
  }

  /** Type a message, send it, and wait until the new node has finished; returns its id. */
  async send(text: string): Promise<string> {
    await this.composer.fill(text);
    const id = await this.newNodeAfter(() => this.sendButton.click());
    await expect(this.composer).toHaveValue("");
    return id;
  }

  /** Ask again from the selected node (a sibling with the same input); returns the new node's id. */
  async regenerate(): Promise<string> {
    const button = this.page.getByRole("button", { name: /^Regenerate/ });
    return this.newNodeAfter(() => button.click());
  }

  /** Run `action`, then wait for the node it creates (selected as soon as it is saved) to complete. */
  private async newNodeAfter(action: () => Promise<void>): Promise<string> {
    const before = selectedInUrl(this.page);
    await action();
    await expect.poll(() => selectedInUrl(this.page)).not.toBe(before);
    const id = selectedInUrl(this.page);
    if (id === null) throw new Error("No node selected after creating one");
    await expect(this.card(id)).toHaveAttribute("data-status", "completed");
    await expect(this.inspectedNodeId()).toHaveText(id);
    return id;
  }

  /** Ids of the cards drawn in the graph, sorted. */
  async drawnNodeIds(): Promise<string[]> {
    const ids = await this.cards.evaluateAll((cards) => cards.map((card) => card.getAttribute("data-node-id") ?? ""));
    return ids.sort();
  }
}

/** `GET /api/trees/:id`: the tree and its node summaries, as the server stores them. */
export async function fetchTree(request: APIRequestContext, treeId: string): Promise<{ tree: Tree; nodes: NodeSummary[] }> {
  const response = await request.get(`/api/trees/${treeId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { tree: Tree; nodes: NodeSummary[] };
}

/** `GET /api/nodes/:id`: the full node with its request and response JSON. */
export async function fetchNode(request: APIRequestContext, nodeId: string): Promise<NodeDetail> {
  const response = await request.get(`/api/nodes/${nodeId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { node: NodeDetail }).node;
}

/** Create a tree through the API (for tests whose subject is not tree creation). */
export async function createTreeViaApi(request: APIRequestContext, fields: { title?: string; model?: string } = {}): Promise<Tree> {
  const response = await request.post("/api/trees", { data: fields });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { tree: Tree }).tree;
}

/** Create a node through the API and wait for it to finish (JSON, not streamed). */
export async function createNodeViaApi(
  request: APIRequestContext,
  treeId: string,
  body: {
    parentId: string | null;
    input: string | Record<string, unknown>[];
    contextMode?: "auto" | "chain" | "replay";
    tools?: Record<string, unknown>[];
    params?: Record<string, unknown>;
  },
): Promise<NodeDetail> {
  const response = await request.post(`/api/trees/${treeId}/nodes`, { data: body });
  expect(response.status()).toBe(201);
  const node = ((await response.json()) as { node: NodeDetail }).node;
  expect(node.status).toBe("completed");
  return node;
}

/** A seeded offline-echo tree: a root with two forks, and a follow-up under the first fork. */
export type ForkedTree = { tree: Tree; root: NodeDetail; forkA: NodeDetail; forkB: NodeDetail; deep: NodeDetail };

/** Seed the tree most tests start from (root -> forkA -> deep, root -> forkB) through the API. */
export async function seedForkedTree(request: APIRequestContext, title: string): Promise<ForkedTree> {
  const tree = await createTreeViaApi(request, { title, model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });
  const forkA = await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Make it vegetarian" });
  const forkB = await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Make it a beach picnic" });
  const deep = await createNodeViaApi(request, tree.id, { parentId: forkA.id, input: "Add a dessert" });
  return { tree, root, forkA, forkB, deep };
}
