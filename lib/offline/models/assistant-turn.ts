import { lastUserMessage, messageText } from "../core/context";
import { messageStep, type MessageStep, type ModelTurn, type TurnStep } from "../core/turn";
import type { ModelContext } from "../core/types";
import { planCodeRun } from "../tools/code-interpreter";
import { fileCitedAnswer, fileSearchTool, runFileSearch } from "../tools/file-answer";
import { answerFromOutputs, functionCallSteps, pendingFunctionOutputs } from "../tools/functions";
import { describeImages, imageParts } from "../tools/image";
import { includes, toolAllowed, toolForced } from "../tools/offered";
import { reasoningStep } from "../tools/reasoning";
import { formatAnswer } from "../tools/text-format";
import { citedAnswer, looksLikeFactQuestion, searchQueryOf } from "../tools/web-search/answer";
import { webSearchBackend } from "../tools/web-search/backend";
import type { WebSearchBackend, WebSearchHit } from "../tools/web-search/pages";
import { assistantAnswer, hasRuleAnswer } from "./assistant";

const SEARCH_RESULTS = 3;

/** `offline-assistant` with tools: reasoning, function calls, web search and code, else its rule-based answer. */
export async function assistantTurn(request: ModelContext, search: WebSearchBackend = webSearchBackend()): Promise<ModelTurn> {
  // With `max_tool_calls: 0` no tool may run, exactly as if the request said `tool_choice: "none"`.
  const context: ModelContext = request.maxToolCalls === 0 ? { ...request, toolChoice: "none" } : request;
  const last = lastUserMessage(context.items);
  const text = last ? messageText(last).trim() : "";
  const actions = limitToolCalls(await actionSteps(context, text, search), context.maxToolCalls ?? null);
  const steps = actions.map((step) => (step.type === "message" ? formatMessage(context, text, step) : step));
  const reasoning = reasoningStep(context, text, steps);
  return reasoning ? [reasoning, ...steps] : steps;
}

async function actionSteps(context: ModelContext, text: string, search: WebSearchBackend): Promise<TurnStep[]> {
  const outputs = pendingFunctionOutputs(context.items);
  if (outputs.length > 0) return [messageStep(answerFromOutputs(context.items, outputs))];
  // A turn that answers an MCP approval request is about that decision, not the last user message.
  if (context.items.at(-1)?.type === "mcp_approval_response") return [messageStep(assistantAnswer(context))];
  // The model has no vision: an image gets an honest description of its header, whatever tools are offered.
  const images = imageParts(lastUserMessage(context.items));
  if (images.length > 0) {
    const description = describeImages(images, text);
    // It cannot see the picture, but it can still search the web for what the words ask about.
    if (toolAllowed(context, "web_search") && looksLikeFactQuestion(text)) {
      const [searchStep, answer] = await webSearchSteps(context, text, search);
      return [searchStep, prefixMessage(`${description}\n\n`, answer)];
    }
    return [messageStep(description)];
  }
  if (text === "") return [messageStep(assistantAnswer(context))];

  const calls = functionCallSteps(context, text);
  if (calls.length > 0) return calls;

  const ruleAnswers = hasRuleAnswer(text, context);
  if (toolForced(context, "web_search") || (toolAllowed(context, "web_search") && !ruleAnswers && looksLikeFactQuestion(text))) {
    return webSearchSteps(context, text, search);
  }

  if (fileSearchTool(context) && context.toolChoice !== "none" && !ruleAnswers) {
    const query = searchQueryOf(text) || text;
    const results = await runFileSearch(context, query);
    const cited = fileCitedAnswer(query, results);
    const shown = includes(context, "file_search_call.results") ? results : null;
    return [{ type: "file_search", queries: [query], results: shown }, { type: "message", ...cited }];
  }

  const run = toolAllowed(context, "code_interpreter") ? planCodeRun(text) : null;
  if (run) {
    const logs = includes(context, "code_interpreter_call.outputs") ? run.logs : null;
    return [{ type: "code_interpreter", code: run.code, logs }, messageStep(run.answer)];
  }

  return [messageStep(assistantAnswer(context))];
}

// A JSON answer carries no citations: their indexes pointed into the prose it replaces.
function formatMessage(context: ModelContext, question: string, step: MessageStep): TurnStep {
  const text = formatAnswer(context, question, step.text);
  return text === step.text ? step : messageStep(text);
}

/** Search the web for what a message asks, and answer with cited sentences from the hits. */
async function webSearchSteps(context: ModelContext, text: string, search: WebSearchBackend): Promise<[TurnStep, MessageStep]> {
  const query = searchQueryOf(text) || text;
  let hits: WebSearchHit[];
  try {
    hits = await search.search(query, SEARCH_RESULTS);
  } catch (err) {
    // A search backend that is down is said plainly, not passed off as "nothing found".
    const reason = err instanceof Error ? err.message : String(err);
    return [{ type: "web_search", query, sources: null }, messageStep(`The web search failed (${reason}), so I cannot answer from the web.`)];
  }
  const sources = includes(context, "web_search_call.action.sources") ? hits.map((hit) => hit.url) : null;
  return [{ type: "web_search", query, sources }, citedAnswer(query, hits)];
}

/** A message with `prefix` before its text, its citations moved along so they still span the same sentences. */
function prefixMessage(prefix: string, step: MessageStep): MessageStep {
  const shift = prefix.length;
  const annotations = step.annotations.map((a) =>
    a.type === "url_citation" ? { ...a, start_index: a.start_index + shift, end_index: a.end_index + shift } : { ...a, index: a.index + shift },
  );
  return { type: "message", text: prefix + step.text, annotations };
}

// `max_tool_calls` caps the tool calls of a response (only parallel function calls can exceed it).
function limitToolCalls(steps: TurnStep[], max: number | null): TurnStep[] {
  if (max === null) return steps;
  let calls = 0;
  return steps.filter((step) => step.type === "message" || step.type === "reasoning" || ++calls <= max);
}
