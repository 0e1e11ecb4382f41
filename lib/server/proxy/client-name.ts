/** The known clients, by what their User-Agent says (the first that matches names the client). */
const KNOWN_CLIENTS: readonly [RegExp, string][] = [
  [/codex/i, "Codex"],
  [/Agents\/JavaScript|openai-agents/i, "Agents SDK"],
  [/ai-sdk\//i, "AI SDK"],
  [/OpenAI\/Python/i, "openai-python"],
  [/OpenAI\/JS/i, "openai-node"],
  [/^curl\//i, "curl"],
];

/** A client's name from its User-Agent ("Codex", "openai-node"…), else the UA's first product, else "client". */
export function clientNameOf(userAgent: string | null): string {
  if (!userAgent) return "client";
  for (const [pattern, name] of KNOWN_CLIENTS) if (pattern.test(userAgent)) return name;
  const product = /^[A-Za-z][\w.-]{0,39}/.exec(userAgent)?.[0];
  return product ?? "client";
}
