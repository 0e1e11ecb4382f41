import { agentName, TOP_AGENT } from "./items";
import { isObject, type JsonObject } from "./json";

/** One agent of a multi-agent answer: what it said, the task it was given, what it handed back, whom it spawned. */
export type AgentNode = {
  name: string;
  /** The task its caller gave it (the `multi_agent_call` arguments), null for the top-level agent. */
  task: string | null;
  messages: string[];
  /** What it handed back to its caller (`multi_agent_call_output`), null until it has. */
  result: string | null;
  children: AgentNode[];
};

const text = (item: JsonObject) =>
  (Array.isArray(item.content) ? item.content : [])
    .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : ""))
    .filter(Boolean)
    .join(" ");

/**
 * The agents of an output as a tree (which agent spawned which, what each said), from its `multi_agent_call`,
 * `multi_agent_call_output` and `agent_message` items; null when the output has none. An agent called twice is one
 * node; a call whose caller never appeared hangs under the top-level agent.
 */
export function agentTree(output: readonly unknown[]): AgentNode | null {
  const items = output.filter(isObject);
  if (!items.some((i) => i.type === "multi_agent_call" || i.type === "agent_message" || i.type === "multi_agent_call_output")) return null;
  const root: AgentNode = { name: TOP_AGENT, task: null, messages: [], result: null, children: [] };
  const byName = new Map<string, AgentNode>([[TOP_AGENT, root]]);
  const byCallId = new Map<string, AgentNode>();
  const nodeFor = (name: string) => {
    let node = byName.get(name);
    if (!node) {
      node = { name, task: null, messages: [], result: null, children: [] };
      byName.set(name, node);
      root.children.push(node);
    }
    return node;
  };
  for (const item of items) {
    if (item.type === "multi_agent_call") {
      const caller = nodeFor(agentName(item));
      const targetName = isObject(item.target) && typeof item.target.agent_name === "string" ? item.target.agent_name : "agent";
      const known = byName.get(targetName);
      const target = known ?? { name: targetName, task: null, messages: [], result: null, children: [] };
      if (known && known !== caller) {
        // It appeared (say, by a message) before its call: move it under its caller.
        const parent = [...byName.values()].find((n) => n.children.includes(known));
        if (parent && parent !== caller) parent.children.splice(parent.children.indexOf(known), 1);
        if (!caller.children.includes(known)) caller.children.push(known);
      } else if (!known) {
        byName.set(targetName, target);
        caller.children.push(target);
      }
      target.task = typeof item.arguments === "string" ? item.arguments : target.task;
      if (typeof item.call_id === "string") byCallId.set(item.call_id, target);
    } else if (item.type === "agent_message") {
      nodeFor(agentName(item)).messages.push(text(item));
    } else if (item.type === "multi_agent_call_output") {
      const target = typeof item.call_id === "string" ? byCallId.get(item.call_id) : undefined;
      if (target) target.result = typeof item.output === "string" ? item.output : JSON.stringify(item.output ?? null);
    }
  }
  return root;
}
