import type { AgentNode } from "@/lib/responses/agents";
import { ItemIcon } from "@/components/ui/item-icon";

/** One agent and, indented under it, the agents it spawned. */
function AgentBranch({ node, depth }: { node: AgentNode; depth: number }) {
  return (
    <li className={depth > 0 ? "border-l border-zinc-200 pl-3 dark:border-zinc-800" : undefined}>
      <p className="flex items-center gap-1.5 text-[13px] font-medium text-zinc-900 dark:text-zinc-100">
        <span className="font-mono">{node.name}</span>
        {node.task ? <span className="min-w-0 truncate text-xs font-normal text-zinc-500 dark:text-zinc-400">· task: {node.task}</span> : null}
      </p>
      {node.messages.length ? (
        <ul className="mt-0.5 space-y-0.5 text-xs text-zinc-700 dark:text-zinc-300" aria-label={`What ${node.name} said`}>
          {node.messages.map((message, i) => (
            <li key={i}>“{message}”</li>
          ))}
        </ul>
      ) : null}
      {node.result ? <p className="mt-0.5 text-xs text-emerald-700 dark:text-emerald-400">Handed back: {node.result}</p> : null}
      {node.children.length ? (
        <ul className="mt-1.5 space-y-2" aria-label={`Agents ${node.name} spawned`}>
          {node.children.map((child) => (
            <AgentBranch key={child.name} node={child} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The agents of a multi-agent answer as a sub-tree: which agent spawned which, and what each said. */
export function AgentTreeCard({ root }: { root: AgentNode }) {
  return (
    <section aria-labelledby="agent-tree-heading" data-testid="agent-tree" className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <header className="flex items-center gap-2 border-b border-zinc-100 px-3 py-2 dark:border-zinc-800/70">
        <span className="flex size-6 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-700 dark:bg-indigo-950/60 dark:text-indigo-300">
          <ItemIcon icon="agents" width={14} height={14} />
        </span>
        <h3 id="agent-tree-heading" className="text-[13px] font-medium text-zinc-900 dark:text-zinc-100">
          Agents
        </h3>
      </header>
      <ul className="px-3 py-2.5">
        <AgentBranch node={root} depth={0} />
      </ul>
    </section>
  );
}
