import type { ReactNode } from "react";
import type { JsonObject } from "@/lib/responses/json";
import { agentName } from "@/lib/responses/items";
import { Code, Facts, Field, list, Missing, obj, prettyJson, str } from "./fields";

// Inspector bodies of the item types of late 2026: compaction, multi-agent, tool search, programs, shell, apply
// patch, custom tool outputs and MCP approval responses.

type Body = (props: { item: JsonObject }) => ReactNode;

const Compaction: Body = ({ item }) => (
  <>
    <p className="text-[13px] text-zinc-700 dark:text-zinc-300">
      The turns before this point were folded into one opaque item; a model reads it in their place, and a fork from here sends it instead of the full history.
    </p>
    <Facts rows={[["Opaque content", `${str(item.encrypted_content).length.toLocaleString("en-US")} characters`], ["Created by", str(item.created_by)]]} />
  </>
);

const MultiAgentCall: Body = ({ item }) => (
  <>
    <Facts rows={[["From", agentName(item)], ["To", str(obj(item.target).agent_name)], ["Call id", str(item.call_id)]]} />
    <Field label="Task">{str(item.arguments) ? <Code label="Task">{prettyJson(item.arguments)}</Code> : <Missing>None</Missing>}</Field>
  </>
);

const MultiAgentCallOutput: Body = ({ item }) => (
  <>
    <Facts rows={[["Agent", agentName(item)], ["Call id", str(item.call_id)]]} />
    <Field label="Result">{str(item.output) ? <p className="text-[13px] whitespace-pre-wrap">{str(item.output)}</p> : <Missing>None</Missing>}</Field>
  </>
);

const AgentMessage: Body = ({ item }) => (
  <>
    <Facts rows={[["Agent", agentName(item)]]} />
    <p className="text-[13px] whitespace-pre-wrap">{list(item.content).map((part) => str(obj(part).text)).join("\n\n")}</p>
  </>
);

const ToolSearchCall: Body = ({ item }) => (
  <>
    <Facts rows={[["Runs on", str(item.execution)], ["Call id", str(item.call_id)]]} />
    <Field label="Search">
      <Code label="Search">{prettyJson(item.arguments ?? "")}</Code>
    </Field>
  </>
);

const ToolSearchOutput: Body = ({ item }) => {
  const tools = list(item.tools).map(obj);
  return (
    <Field label={`Deferred tools loaded (${tools.length})`}>
      {tools.length ? (
        <ul className="space-y-1 text-xs">
          {tools.map((tool, i) => (
            <li key={i}>
              <span className="font-mono text-zinc-800 dark:text-zinc-200">{str(tool.name) || str(tool.type)}</span>
              {str(tool.description) ? <span className="text-zinc-500"> · {str(tool.description)}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <Missing>No tools matched</Missing>
      )}
    </Field>
  );
};

const Program: Body = ({ item }) => (
  <>
    <Field label="Code">{str(item.code) ? <Code label="Program code">{str(item.code)}</Code> : <Missing>No code</Missing>}</Field>
    {/* Kept verbatim: the provider checks it when the program's output is sent back. */}
    <Facts rows={[["Fingerprint", str(item.fingerprint)], ["Call id", str(item.call_id)]]} />
  </>
);

const ProgramOutput: Body = ({ item }) => (
  <>
    <Facts rows={[["Call id", str(item.call_id)]]} />
    <Field label="Result">
      <Code label="Program result">{prettyJson(item.result ?? "")}</Code>
    </Field>
  </>
);

/** Where a shell ran: the local machine or a container. */
function environmentText(environment: unknown): string {
  const env = obj(environment);
  if (env.type === "local") return "local";
  if (env.type === "container_reference") return `container ${str(env.container_id)}`;
  return str(env.type);
}

const ShellCall: Body = ({ item }) => {
  const action = obj(item.action);
  return (
    <>
      <Field label="Commands">
        <Code label="Commands">{list(action.commands).map(str).join("\n")}</Code>
      </Field>
      <Facts
        rows={[
          ["Environment", environmentText(item.environment)],
          ["Timeout", typeof action.timeout_ms === "number" ? `${action.timeout_ms} ms` : ""],
          ["Call id", str(item.call_id)],
        ]}
      />
    </>
  );
};

const ShellCallOutput: Body = ({ item }) => (
  <>
    {list(item.output).map((raw, i) => {
      const run = obj(raw);
      const outcome = obj(run.outcome);
      const how = outcome.type === "exit" ? `exit ${String(outcome.exit_code ?? "")}` : outcome.type === "timeout" ? "timed out" : "";
      return (
        <Field key={i} label={`Command ${i + 1}${how ? ` · ${how}` : ""}`}>
          {str(run.stdout) ? <Code label="stdout">{str(run.stdout)}</Code> : null}
          {str(run.stderr) ? <Code label="stderr">{str(run.stderr)}</Code> : null}
          {!str(run.stdout) && !str(run.stderr) ? <Missing>No output</Missing> : null}
        </Field>
      );
    })}
    <Facts rows={[["Call id", str(item.call_id)]]} />
  </>
);

const ApplyPatchCall: Body = ({ item }) => {
  const operation = obj(item.operation);
  return (
    <>
      <Facts rows={[["Operation", str(operation.type).replace(/_/g, " ")], ["Path", str(operation.path)], ["Call id", str(item.call_id)]]} />
      {str(operation.diff) ? (
        <Field label="Diff">
          <Code label="Diff">{str(operation.diff)}</Code>
        </Field>
      ) : null}
    </>
  );
};

const ApplyPatchCallOutput: Body = ({ item }) => (
  <>
    <Facts rows={[["Call id", str(item.call_id)]]} />
    {str(item.output) ? <p className="text-[13px]">{str(item.output)}</p> : <Missing>No message</Missing>}
  </>
);

const CustomToolOutput: Body = ({ item }) => (
  <>
    <Facts rows={[["Call id", str(item.call_id)]]} />
    <Code label="Output">{prettyJson(item.output ?? "")}</Code>
  </>
);

const McpApprovalResponse: Body = ({ item }) => (
  <>
    <p className={`text-[13px] font-medium ${item.approve === true ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}>
      {item.approve === true ? "Approved" : "Denied"}
    </p>
    <Facts rows={[["Request id", str(item.approval_request_id)], ["Reason", str(item.reason)]]} />
  </>
);

/** The bodies of the late-2026 item types, merged into ITEM_BODIES. */
export const LATE_ITEM_BODIES = {
  compaction: Compaction,
  multi_agent_call: MultiAgentCall,
  multi_agent_call_output: MultiAgentCallOutput,
  agent_message: AgentMessage,
  tool_search_call: ToolSearchCall,
  tool_search_output: ToolSearchOutput,
  program: Program,
  program_output: ProgramOutput,
  shell_call: ShellCall,
  shell_call_output: ShellCallOutput,
  apply_patch_call: ApplyPatchCall,
  apply_patch_call_output: ApplyPatchCallOutput,
  custom_tool_call_output: CustomToolOutput,
  mcp_approval_response: McpApprovalResponse,
} satisfies Record<string, Body>;
