import { obj, objects, str } from "./json";

/** A custom tool's grammar (`format: {type: "grammar", syntax, definition}`): what its input had to match. */
export type CustomToolGrammar = { syntax: string; definition: string };

/** The grammar of the custom tool named `name` among the tools a request offered, or null when it had none. */
export function customToolGrammar(tools: readonly unknown[], name: string): CustomToolGrammar | null {
  const tool = objects(tools).find((t) => t.type === "custom" && t.name === name);
  const format = obj(tool?.format);
  if (format.type !== "grammar" || typeof format.definition !== "string") return null;
  return { syntax: str(format.syntax) || "unknown", definition: format.definition };
}
