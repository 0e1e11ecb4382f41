import { assistantAnswer } from "./assistant";
import type { ModelContext } from "./context";
import { echoAnswer } from "./echo";

/** A model the offline engine serves: its id, its `/models` entry and how it answers. */
type OfflineModel = { id: string; created: number; answer: (context: ModelContext) => string };

// A fixed creation date (2025-01-01) keeps `/models` deterministic.
const CREATED = 1_735_689_600;

const models: readonly OfflineModel[] = [
  { id: "offline-assistant", created: CREATED, answer: assistantAnswer },
  { id: "offline-echo", created: CREATED, answer: echoAnswer },
];

/** Ids of the models the offline engine serves. */
export const OFFLINE_MODEL_IDS: readonly string[] = models.map((m) => m.id);

/** The answer text a model gives for a context (pure and deterministic). */
export function runModel(modelId: string, context: ModelContext): string {
  const model = models.find((m) => m.id === modelId);
  if (!model) throw new Error(`Unknown offline model ${modelId}`);
  return model.answer(context);
}

/** The OpenAI `Model` object of one offline model, or undefined. */
export function modelObject(id: string): { id: string; object: "model"; created: number; owned_by: string } | undefined {
  const model = models.find((m) => m.id === id);
  return model && { id: model.id, object: "model", created: model.created, owned_by: "arbor-offline" };
}

/** Every offline model as OpenAI `Model` objects. */
export function modelObjects(): { id: string; object: "model"; created: number; owned_by: string }[] {
  return models.flatMap((m) => modelObject(m.id) ?? []);
}
