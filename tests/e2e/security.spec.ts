import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, Page } from "@playwright/test";
import type { Tree } from "@/lib/contracts/trees";
import { ExplorerPage, fetchTree } from "./support/explorer";
import { e2ePort, serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// What a hostile page, a hostile upstream or a hostile import can try against Arbor on a laptop.

serverForThisFile();

/** Every dialog (alert, confirm, prompt) the page opens: an injected script's first move. */
function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

const payload = (tag: string) => `<img src=x onerror="alert('${tag}')"><script>alert('${tag}-script')</script><svg onload="alert('${tag}-svg')">`;

test("script in titles, instructions, model output, citations and tool calls is shown as text, never run", async ({ page, request }) => {
  const dialogs = watchDialogs(page);
  const text = `Answer ${payload("output")} [a link](javascript:alert('link')) and <a href="javascript:alert('html-link')">raw html</a> ![img](javascript:alert('md-img'))`;
  const response = {
    id: "resp_xss",
    object: "response",
    created_at: 0,
    status: "completed",
    model: "offline-echo",
    output: [
      { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: payload("reasoning") }] },
      { id: "ws_1", type: "web_search_call", status: "completed", action: { type: "search", query: payload("query") } },
      { id: "fc_1", type: "function_call", call_id: "call_1", name: payload("fn"), arguments: JSON.stringify({ city: payload("args") }), status: "completed" },
      {
        id: "msg_1",
        type: "message",
        role: "assistant",
        status: "completed",
        content: [
          {
            type: "output_text",
            text,
            annotations: [
              { type: "url_citation", url: "javascript:alert('citation')", title: payload("citation-title"), start_index: 0, end_index: 6 },
              { type: "file_citation", file_id: "file_1", filename: payload("filename"), index: 6 },
            ],
            logprobs: [],
          },
        ],
      },
    ],
    usage: null,
  };
  const imported = await request.post("/api/trees/import", { data: { data: response, title: payload("title") } });
  expect(imported.status()).toBe(201);
  const { tree } = (await imported.json()) as { tree: Tree };
  expect((await request.patch(`/api/trees/${tree.id}`, { data: { instructions: payload("instructions") } })).status()).toBe(200);
  const [node] = (await fetchTree(request, tree.id)).nodes;

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, node!.id);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x onerror=");
  await expect(explorer.answer).toContainText("a link and raw html");
  await expect(explorer.answer.getByRole("region", { name: "Sources" })).toContainText(payload("citation-title"));
  await expect(explorer.answer.getByRole("region", { name: "Sources" })).toContainText(payload("filename"));
  // Hover the citation markers, follow the links the answer offers, and open every tab (once the markdown is drawn).
  await expect(explorer.answer.locator(".arbor-markdown:not([aria-busy])").first()).toBeVisible();
  expect(await explorer.answer.getByRole("button", { name: /^Source \d+/ }).count()).toBeGreaterThan(0);
  for (const marker of await explorer.answer.getByRole("button", { name: /^Source \d+/ }).all()) await marker.hover();
  for (const link of await explorer.answer.getByRole("link").all()) {
    const href = await link.getAttribute("href");
    expect(href ?? "", "no javascript: link survives").not.toMatch(/^\s*javascript:/i);
  }
  for (const tab of ["Tools", "Events", "Usage", "Request", "Response", "Answer"] as const) {
    await explorer.tab(tab).click();
    // Nothing the payloads carry became an element that runs code.
    await expect(page.locator("[onerror], [onload], body script:not([src]):not([nonce])")).toHaveCount(0);
  }
  await page.getByRole("region", { name: "Composer" }).getByRole("button", { name: /^Tools and settings/ }).click();
  await expect(page.getByRole("region", { name: "Tools and settings" }).getByRole("textbox", { name: "Instructions" })).toHaveValue(payload("instructions"));
  await page.goto("/");
  await expect(page.getByRole("main")).toContainText("<img src=x onerror=");
  expect(dialogs).toEqual([]);
});

test("an uploaded HTML file is downloaded, never rendered on Arbor's origin", async ({ page, request }) => {
  const dialogs = watchDialogs(page);
  const html = `<html><body><h1>page</h1><script>alert(document.cookie)</script><img src=x onerror="alert('file')"></body></html>`;
  const uploaded = await request.post("/api/offline/v1/files", {
    headers: { authorization: "Bearer any" },
    multipart: { purpose: "assistants", file: { name: "evil.html", mimeType: "text/html", buffer: Buffer.from(html) } },
  });
  expect(uploaded.status()).toBe(200);
  const { id } = (await uploaded.json()) as { id: string };
  const content = await request.get(`/api/offline/v1/files/${id}/content`, { headers: { authorization: "Bearer any" } });
  expect(content.headers()).toMatchObject({
    "content-type": "application/octet-stream",
    "x-content-type-options": "nosniff",
    "content-disposition": expect.stringMatching(/^attachment;/) as unknown,
    "content-security-policy": expect.stringContaining("sandbox") as unknown,
  });
  // Followed as a link in the browser, it is a download: nothing of it runs.
  await page.goto("/");
  const download = page.waitForEvent("download");
  await page.evaluate((href) => {
    const link = Object.assign(document.createElement("a"), { href, textContent: "file" });
    document.body.append(link);
    link.click();
  }, `/api/offline/v1/files/${id}/content`);
  expect((await download).suggestedFilename()).toBe("evil.html");
  expect(dialogs).toEqual([]);
});

/** A page of another site, served by the test: it tries to change Arbor through the user's browser. */
async function attackerSite(script: string): Promise<{ url: (host: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html><body><iframe name="sink"></iframe><script>${script}</script><p id="done">sent</p></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (host) => `http://${host}:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function counts(request: APIRequestContext, treeId: string) {
  const trees = ((await (await request.get("/api/trees")).json()) as { trees: Tree[] }).trees;
  return { trees: trees.map((t) => t.title).sort(), nodes: (await fetchTree(request, treeId)).nodes.length };
}

test("a page of another site cannot create, fork or delete anything through the browser (CSRF)", async ({ page, request }) => {
  const target = ((await (await request.post("/api/trees", { data: { title: "Target", model: "offline-echo" } })).json()) as { tree: Tree }).tree;
  const before = await counts(request, target.id);
  const api = `http://127.0.0.1:${e2ePort}`;
  const attacks = `
    const form = document.createElement("form");
    form.method = "POST"; form.action = ${JSON.stringify(`${api}/api/trees`)}; form.enctype = "text/plain"; form.target = "sink";
    const field = document.createElement("input"); field.name = '{"title":"csrf form","x":"'; field.value = '"}';
    form.appendChild(field); document.body.appendChild(form); form.submit();
    const opts = { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" } };
    const attempt = (url, init) => fetch(url, init).catch(() => "refused");
    attempt(${JSON.stringify(`${api}/api/trees`)}, { ...opts, body: JSON.stringify({ title: "csrf fetch" }) });
    attempt(${JSON.stringify(`${api}/api/trees/${target.id}/nodes`)}, { ...opts, body: JSON.stringify({ parentId: null, input: "spend the key" }) });
    // Methods a no-cors request cannot use go through a CORS preflight, which Arbor does not grant.
    attempt(${JSON.stringify(`${api}/api/trees/${target.id}`)}, { method: "DELETE" });
    attempt(${JSON.stringify(`${api}/api/trees/${target.id}`)}, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "pwned" }) });
  `;
  const site = await attackerSite(attacks);
  try {
    // Another site (localhost is not 127.0.0.1 to the browser), and a same-site page on another port.
    for (const host of ["localhost", "127.0.0.1"]) {
      await page.goto(site.url(host));
      await expect(page.locator("#done")).toHaveText("sent");
      await page.waitForLoadState("networkidle");
    }
  } finally {
    await site.close();
  }
  expect(await counts(request, target.id)).toEqual(before);
});

/** A request with a Host header of the caller's choosing (a browser fooled by DNS rebinding sends the attacker's name). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: e2ePort, path, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("a name Arbor does not answer to gets nothing: no page, no data (DNS rebinding)", async () => {
  for (const path of ["/", "/api/trees", "/api/offline/v1/models"]) {
    const answer = await getWithHost(path, `rebind.evil.example:${e2ePort}`);
    expect(answer.status, path).toBe(403);
    expect(answer.body, path).not.toContain("Target");
  }
  expect((await getWithHost("/api/trees", `localhost:${e2ePort}`)).status).toBe(200);
});

test("pages and answers carry the security headers, and inline scripts run only with the page's nonce", async ({ request }) => {
  const page = await request.get("/");
  const csp = page.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(page.headers()).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY" });
  const html = await page.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1] ?? "");
  expect(inline.length).toBeGreaterThan(0);
  for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
  expect(html).not.toMatch(/\son[a-z]+=/i);
  // A second page view gets a nonce of its own.
  expect((await request.get("/")).headers()["content-security-policy"]).not.toBe(csp);

  const api = await request.get("/api/trees");
  expect(api.headers()).toMatchObject({ "content-security-policy": expect.stringContaining("sandbox") as unknown, "x-content-type-options": "nosniff" });
});
