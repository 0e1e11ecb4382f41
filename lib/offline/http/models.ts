import { OfflineApiError } from "../core/errors";
import { modelObject, modelObjects } from "../models/registry";
import type { Route } from "./route";

function retrieveModel(id: string | undefined): Response {
  const model = id ? modelObject(id) : undefined;
  if (!model) {
    throw new OfflineApiError(404, `The model '${id ?? ""}' does not exist.`, { param: "model", code: "model_not_found" });
  }
  return Response.json(model);
}

/** `GET /models` and `GET /models/:id`. */
export const modelRoutes: Route[] = [
  { method: "GET", pattern: ["models"], handler: () => Promise.resolve(Response.json({ object: "list", data: modelObjects() })) },
  { method: "GET", pattern: ["models", ":id"], handler: (_, [id]) => Promise.resolve(retrieveModel(id)) },
];
