import { messageStep, type ModelTurn } from "../core/turn";
import type { ModelContext } from "../core/types";
import { assistantAnswer } from "./assistant";
import { assistantTurn } from "./assistant-turn";
import { echoAnswer } from "./echo";

/** A model the offline engine serves: its id, its `/models` entry, its plain-text answer and its full turn. */
type OfflineModel = {
  id: string;
  created: number;
  answer: (context: ModelContext) => string;
  turn: (context: ModelContext) => Promise<ModelTurn>;
};

// A fixed creation date (2025-01-01) keeps `/models` deterministic.
const CREATED = 1_735_689_600;

const models: readonly OfflineModel[] = [
  { id: "offline-assistant", created: CREATED, answer: assistantAnswer, turn: assistantTurn },
  { id: "offline-echo", created: CREATED, answer: echoAnswer, turn: (context) => Promise.resolve([messageStep(echoAnswer(context))]) },
];

/** Ids of the models the offline engine serves. */
export const OFFLINE_MODEL_IDS: readonly string[] = models.map((m) => m.id);

/** The plain-text answer a model gives for a context, ignoring tools (pure and deterministic). */
export function runModel(modelId: string, context: ModelContext): string {
  return findModel(modelId).answer(context);
}

/** Everything a model does for a context: reasoning, tool calls and messages, in output order. */
export function runModelTurn(modelId: string, context: ModelContext): Promise<ModelTurn> {
  return findModel(modelId).turn(context);
}

function findModel(modelId: string): OfflineModel {
  const model = models.find((m) => m.id === modelId);
  if (!model) throw new Error(`Unknown offline model ${modelId}`);
  return model;
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
