import { isHostedToolAvailable, type ComposerSettings, type HostedToolType } from "./settings";

/** Short labels of what the next node will send ("web search", "2 functions", "T 0.7"), for the composer's badges. */
export function settingsSummary(settings: ComposerSettings, hostedTools: readonly string[]): string[] {
  const badges: string[] = [];
  const on = (type: HostedToolType) => isHostedToolAvailable(type, hostedTools);
  if (settings.webSearch && on("web_search")) badges.push("web search");
  if (settings.codeInterpreter && on("code_interpreter")) badges.push("code interpreter");
  if (settings.fileSearch.enabled && on("file_search")) badges.push("file search");
  if (settings.mcp.enabled && on("mcp")) badges.push(`mcp ${settings.mcp.serverLabel}`.trim());
  const count = settings.functions.length;
  if (count > 0) badges.push(count === 1 ? `function ${settings.functions[0]?.name ?? ""}`.trim() : `${count} functions`);
  if (settings.instructions.trim()) badges.push("instructions");
  if (settings.temperature.trim()) badges.push(`T ${settings.temperature.trim()}`);
  if (settings.topP.trim()) badges.push(`top_p ${settings.topP.trim()}`);
  if (settings.maxOutputTokens.trim()) badges.push(`max ${settings.maxOutputTokens.trim()} tok`);
  if (settings.compactThreshold.trim()) badges.push(`compact > ${settings.compactThreshold.trim()} tok`);
  if (settings.reasoningEffort) badges.push(`effort ${settings.reasoningEffort}`);
  if (!settings.store) badges.push("store off");
  if (settings.structuredOutput.enabled) badges.push("json schema");
  return badges;
}
