import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as filesRoute from "@/app/api/providers/[id]/files/route";
import * as storeFilesRoute from "@/app/api/providers/[id]/vector_stores/[vs]/files/route";
import * as storesRoute from "@/app/api/providers/[id]/vector_stores/route";
import { MAX_UPLOAD_BYTES, type ProviderFile, type VectorStoreFileInfo, type VectorStoreInfo } from "@/lib/contracts/providers";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { serve, type Served } from "./support/http";

type Json = Record<string, unknown>;
type Params = { id: string; vs?: string };
type Handler = (request: Request, context: { params: Promise<{ id: string; vs: string }> }) => Promise<Response>;
const base = "http://arbor.test";

async function call(handler: Handler, path: string, params: Params, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const request = new Request(base + path, {
    ...rest,
    ...(json !== undefined ? { body: JSON.stringify(json), headers: { "content-type": "application/json" } } : {}),
  });
  const response = await handler(request, { params: Promise.resolve({ vs: "", ...params }) });
  return { status: response.status, body: (await response.json()) as Json };
}

/** `POST /api/providers/:id/files` with one file in a multipart body, as the browser sends it. */
function upload(name: string, content: string | Uint8Array<ArrayBuffer>, providerId = "offline") {
  const form = new FormData();
  form.append("file", new File([content], name));
  return call(filesRoute.POST as Handler, `/api/providers/${providerId}/files`, { id: providerId }, { method: "POST", body: form });
}

const listStores = (providerId = "offline") => call(storesRoute.GET as Handler, `/api/providers/${providerId}/vector_stores`, { id: providerId });
const createStore = (name: unknown, providerId = "offline") =>
  call(storesRoute.POST as Handler, `/api/providers/${providerId}/vector_stores`, { id: providerId }, { method: "POST", json: { name } });
const addFile = (vs: string, fileId: string) =>
  call(storeFilesRoute.POST as Handler, `/api/providers/offline/vector_stores/${vs}/files`, { id: "offline", vs }, { method: "POST", json: { fileId } });
const listFiles = (vs: string) => call(storeFilesRoute.GET as Handler, `/api/providers/offline/vector_stores/${vs}/files`, { id: "offline", vs });

let offline: Served;
let database: Database;

beforeAll(async () => {
  database = await openDatabase({ kind: "pglite" });
  setDatabaseForTests(database);
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_PROVIDERS = JSON.stringify([{ id: "plain", label: "Plain server", baseURL: `${offline.url}/v1`, models: ["stub"] }]);
  resetEnvForTests();
});

afterAll(async () => {
  await offline.close();
  await database.close();
  delete process.env.ARBOR_PROVIDERS;
  delete process.env.ARBOR_OFFLINE_BASE_URL;
  resetEnvForTests();
});

describe("vector store routes, through the provider's files API", () => {
  let store: VectorStoreInfo;
  let guide: ProviderFile;

  it("creates a store and lists it with its counts", async () => {
    const created = await createStore("Field station");
    expect(created.status).toBe(201);
    store = created.body.vectorStore as VectorStoreInfo;
    expect(store).toMatchObject({ name: "Field station", usageBytes: 0, fileCounts: { total: 0, completed: 0 } });
    expect(store.id).toMatch(/^vs_/);
    expect(Date.parse(store.createdAt)).not.toBeNaN();
    const listed = await listStores();
    expect(listed.status).toBe(200);
    expect((listed.body.vectorStores as VectorStoreInfo[]).map((s) => s.id)).toContain(store.id);
  });

  it("refuses a store without a name", async () => {
    const { status, body } = await createStore("  ");
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "bad_request", message: expect.stringContaining("Give the store a name") as unknown });
  });

  it("uploads a file and indexes it in the store; the listing names it", async () => {
    const uploaded = await upload("guide.md", "## Observatory\nTelescopes must be booked seven days ahead.");
    expect(uploaded.status).toBe(201);
    guide = uploaded.body.file as ProviderFile;
    expect(guide).toMatchObject({ filename: "guide.md", bytes: 58 });
    const added = await addFile(store.id, guide.id);
    expect(added).toEqual({ status: 200, body: { file: { id: guide.id, status: "completed", lastError: null } } });
    const files = await listFiles(store.id);
    expect(files.body.files).toEqual([{ id: guide.id, filename: "guide.md", status: "completed", lastError: null }]);
    const stores = (await listStores()).body.vectorStores as VectorStoreInfo[];
    expect(stores.find((s) => s.id === store.id)).toMatchObject({ fileCounts: { total: 1, completed: 1, failed: 0 } });
  });

  it("records a file the provider cannot index as failed, with its reason", async () => {
    const broken = (await upload("broken.json", "{ not json")).body.file as ProviderFile;
    const added = await addFile(store.id, broken.id);
    expect(added.status).toBe(200);
    const file = added.body.file as VectorStoreFileInfo;
    expect(file).toMatchObject({ id: broken.id, status: "failed", lastError: { code: "invalid_file", message: expect.stringContaining("not valid JSON") as unknown } });
    const files = (await listFiles(store.id)).body.files as VectorStoreFileInfo[];
    expect(files.find((f) => f.id === broken.id)).toMatchObject({ filename: "broken.json", status: "failed" });
  });

  it("passes on the provider's reason for an empty file or an unsupported type as a bad_request", async () => {
    const empty = await upload("empty.txt", "");
    expect(empty.status).toBe(400);
    expect(empty.body.error).toEqual({ code: "bad_request", message: 'The file "empty.txt" is empty.' });
    const exe = await upload("tool.exe", "MZ");
    expect(exe.status).toBe(400);
    expect(exe.body.error).toMatchObject({ code: "bad_request", message: expect.stringContaining('cannot read "tool.exe"') as unknown });
  });

  it("refuses a file over the cap before forwarding it", async () => {
    const { status, body } = await upload("big.txt", new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(97));
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: "payload_too_large", message: "Files over 10 MB cannot be uploaded." });
  });

  it("refuses a body without a file, and a file id the provider does not know", async () => {
    const noFile = await call(filesRoute.POST as Handler, "/api/providers/offline/files", { id: "offline" }, { method: "POST", json: { file: "x" } });
    expect(noFile).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    const unknown = await addFile(store.id, "file-nope");
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "not_found", message: expect.stringContaining("file-nope") as unknown } } });
  });

  it("answers not_found for an unknown provider or store, and bad_request for a provider without file search", async () => {
    expect(await listStores("nowhere")).toMatchObject({ status: 404, body: { error: { code: "not_found", message: 'Unknown provider "nowhere"' } } });
    expect(await listFiles("vs_missing")).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    const plain = await listStores("plain");
    expect(plain).toMatchObject({ status: 400, body: { error: { code: "bad_request", message: expect.stringContaining("Plain server does not run file search") as unknown } } });
    expect((await upload("guide.md", "x", "plain")).status).toBe(400);
  });
});
