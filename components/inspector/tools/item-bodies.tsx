import type { ReactNode } from "react";
import { reasoningSummary, type KnownItemType } from "@/lib/responses/items";
import type { JsonObject } from "@/lib/responses/json";
import { customToolGrammar } from "@/lib/responses/custom-tools";
import { Code, Facts, Field, list, Missing, obj, prettyJson, str } from "./fields";
import { LATE_ITEM_BODIES } from "./late-item-bodies";

/** An item's body; `tools` are the tool definitions the request offered (a custom tool's grammar is there). */
type Body = (props: { item: JsonObject; tools: readonly unknown[] }) => ReactNode;

function Arguments({ value, label = "Arguments" }: { value: unknown; label?: string }) {
  const text = prettyJson(value ?? "");
  return <Field label={label}>{text ? <Code label={label}>{text}</Code> : <Missing>None</Missing>}</Field>;
}

function McpError({ item }: { item: JsonObject }) {
  const error = item.error;
  if (error === null || error === undefined || error === "") return null;
  return (
    <Field label="Error">
      <p className="text-xs text-red-700 dark:text-red-400">{typeof error === "string" ? error : prettyJson(error)}</p>
    </Field>
  );
}

const WebSearch: Body = ({ item }) => {
  const action = obj(item.action);
  const queries = [str(action.query), ...list(action.queries).map(str)].filter((q, i, all) => q && all.indexOf(q) === i);
  const sources = list(action.sources).map(obj);
  return (
    <>
      <Field label={queries.length > 1 ? "Queries" : "Query"}>
        {queries.length > 0 ? (
          <ul className="space-y-0.5 text-[13px] text-zinc-800 dark:text-zinc-200">
            {queries.map((query) => (
              <li key={query}>“{query}”</li>
            ))}
          </ul>
        ) : (
          <Facts rows={[["Action", str(action.type)], ["URL", str(action.url)], ["Pattern", str(action.pattern)]]} />
        )}
      </Field>
      <Field label={`Sources (${sources.length})`}>
        {sources.length > 0 ? (
          <ol className="space-y-1 text-xs">
            {sources.map((source, i) => {
              const url = str(source.url);
              return (
                <li key={`${url}-${i}`} className="truncate">
                  {/^https?:\/\//i.test(url) ? (
                    <a href={url} target="_blank" rel="noopener noreferrer" className="text-indigo-700 hover:underline dark:text-indigo-400">
                      {url}
                    </a>
                  ) : (
                    <span className="font-mono text-zinc-600 dark:text-zinc-300">{url || str(source.type)}</span>
                  )}
                </li>
              );
            })}
          </ol>
        ) : (
          <Missing>No sources listed (ask for them with include: web_search_call.action.sources).</Missing>
        )}
      </Field>
    </>
  );
};

const FileSearch: Body = ({ item }) => {
  const results = list(item.results).map(obj);
  return (
    <>
      <Field label="Queries">
        <ul className="space-y-0.5 text-[13px] text-zinc-800 dark:text-zinc-200">
          {list(item.queries).map((query, i) => (
            <li key={i}>“{str(query)}”</li>
          ))}
        </ul>
      </Field>
      <Field label={`Results (${results.length})`}>
        {results.length > 0 ? (
          <ol className="space-y-2">
            {results.map((result, i) => (
              <li key={i} className="rounded-md border border-zinc-200 px-2.5 py-1.5 text-xs dark:border-zinc-800">
                <p className="flex items-center gap-2">
                  <span className="min-w-0 flex-1 truncate font-medium text-zinc-800 dark:text-zinc-200">
                    {str(result.filename) || str(result.file_id)}
                  </span>
                  {typeof result.score === "number" ? (
                    <span className="font-mono text-zinc-500 tabular-nums" title="Relevance score">
                      {result.score.toFixed(3)}
                    </span>
                  ) : null}
                </p>
                {str(result.text) ? <p className="mt-1 line-clamp-3 text-zinc-600 dark:text-zinc-400">{str(result.text)}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <Missing>No results included (ask for them with include: file_search_call.results).</Missing>
        )}
      </Field>
    </>
  );
};

const CodeInterpreter: Body = ({ item }) => {
  const outputs = list(item.outputs).map(obj);
  const logs = outputs.filter((o) => o.type === "logs").map((o) => str(o.logs));
  const images = outputs.filter((o) => o.type === "image").length;
  return (
    <>
      <Field label="Code">{str(item.code) ? <Code label="Code">{str(item.code)}</Code> : <Missing>No code</Missing>}</Field>
      <Field label="Logs">{logs.length > 0 ? <Code label="Logs">{logs.join("\n")}</Code> : <Missing>No logs</Missing>}</Field>
      {images > 0 ? <p className="text-xs text-zinc-500">{images} image output(s)</p> : null}
      <Facts rows={[["Container", str(item.container_id)]]} />
    </>
  );
};

const FunctionCall: Body = ({ item }) => (
  <>
    <Facts rows={[["Name", str(item.name)], ["Call id", str(item.call_id)]]} />
    <Arguments value={item.arguments} />
  </>
);

const FunctionOutput: Body = ({ item }) => (
  <>
    <Facts rows={[["Call id", str(item.call_id)]]} />
    <Arguments value={item.output} label="Output" />
  </>
);

const CustomToolCall: Body = ({ item, tools }) => {
  const grammar = customToolGrammar(tools, str(item.name));
  return (
    <>
      <Facts rows={[["Name", str(item.name)], ["Call id", str(item.call_id)]]} />
      <Field label="Input">{str(item.input) ? <Code label="Input">{str(item.input)}</Code> : <Missing>None</Missing>}</Field>
      {grammar ? (
        <Field label={`Grammar the input had to match (${grammar.syntax})`}>
          <Code label={`${grammar.syntax} grammar`}>{grammar.definition}</Code>
        </Field>
      ) : null}
    </>
  );
};

const McpListTools: Body = ({ item }) => {
  const tools = list(item.tools).map(obj);
  return (
    <>
      <Facts rows={[["Server", str(item.server_label)]]} />
      <Field label={`Tools (${tools.length})`}>
        <ul className="space-y-1 text-xs">
          {tools.map((tool, i) => (
            <li key={i}>
              <span className="font-mono text-zinc-800 dark:text-zinc-200">{str(tool.name)}</span>
              {str(tool.description) ? <span className="text-zinc-500"> · {str(tool.description)}</span> : null}
            </li>
          ))}
        </ul>
      </Field>
      <McpError item={item} />
    </>
  );
};

const McpCall: Body = ({ item }) => (
  <>
    <Facts rows={[["Server", str(item.server_label)], ["Tool", str(item.name)], ["Approval", str(item.approval_request_id)]]} />
    <Arguments value={item.arguments} />
    {item.output !== null && item.output !== undefined ? <Arguments value={item.output} label="Output" /> : null}
    <McpError item={item} />
  </>
);

const McpApproval: Body = ({ item }) => (
  <>
    <Facts rows={[["Server", str(item.server_label)], ["Tool", str(item.name)], ["Request id", str(item.id)]]} />
    <Arguments value={item.arguments} />
  </>
);

const IMAGE_FORMATS = new Set(["png", "jpeg", "webp"]);

/** The generated image itself (base64 in `result`), its revised prompt and size. */
const ImageGeneration: Body = ({ item }) => {
  const result = str(item.result);
  const format = IMAGE_FORMATS.has(str(item.output_format)) ? str(item.output_format) : "png";
  // Only base64 characters: the value becomes a data URL and must not smuggle anything else in.
  const image = /^[A-Za-z0-9+/]+={0,2}$/.test(result) ? `data:image/${format};base64,${result}` : null;
  return (
    <>
      {image ? (
        // A data URL generated by the model: next/image has nothing to optimise.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={image} alt={str(item.revised_prompt) || "Generated image"} data-testid="generated-image" className="max-h-64 w-full rounded-md border border-zinc-200 object-contain dark:border-zinc-800" />
      ) : null}
      {str(item.revised_prompt) ? <Field label="Revised prompt"><p className="text-[13px]">{str(item.revised_prompt)}</p></Field> : null}
      <Facts rows={[["Result", result ? `${Math.round((result.length * 3) / 4 / 1024)} KB ${format} image` : ""]]} />
    </>
  );
};

const ComputerCall: Body = ({ item }) => (
  <>
    <Facts rows={[["Call id", str(item.call_id)]]} />
    <Arguments value={item.action} label="Action" />
  </>
);

const LocalShell: Body = ({ item }) => {
  const action = obj(item.action);
  return (
    <>
      <Field label="Command"><Code label="Command">{list(action.command).map(str).join(" ")}</Code></Field>
      <Facts rows={[["Working dir", str(action.working_directory)], ["Call id", str(item.call_id)]]} />
    </>
  );
};

const Message: Body = ({ item }) => (
  <p className="text-[13px]">{list(item.content).map((part) => str(obj(part).text) || str(obj(part).refusal)).join("\n\n")}</p>
);

const Reasoning: Body = ({ item }) => {
  const summary = reasoningSummary(item);
  return summary.length > 0 ? <p className="text-[13px] whitespace-pre-wrap">{summary.join("\n\n")}</p> : <Missing>No summary</Missing>;
};

/** The inspector body of each known item type; a missing type is a compile error. */
export const ITEM_BODIES = {
  message: Message,
  reasoning: Reasoning,
  web_search_call: WebSearch,
  file_search_call: FileSearch,
  code_interpreter_call: CodeInterpreter,
  function_call: FunctionCall,
  function_call_output: FunctionOutput,
  custom_tool_call: CustomToolCall,
  mcp_list_tools: McpListTools,
  mcp_call: McpCall,
  mcp_approval_request: McpApproval,
  image_generation_call: ImageGeneration,
  computer_call: ComputerCall,
  local_shell_call: LocalShell,
  ...LATE_ITEM_BODIES,
} satisfies Record<KnownItemType, Body>;
