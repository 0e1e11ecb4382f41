"use client";

import { initialsOf } from "@/lib/client/people";
import { useMe } from "@/lib/client/queries";
import { useTreePresence } from "@/lib/client/tree-channel";

/** Who else has this tree open, as initials in the header (live, from the tree's event channel). */
export function Presence({ treeId }: { treeId: string }) {
  const me = useMe();
  const viewers = useTreePresence(treeId);
  const others = viewers.filter((v) => v.userId !== me.data?.userId);
  if (others.length === 0) return null;
  const names = others.map((v) => v.name).join(", ");
  return (
    <div data-testid="presence" className="flex items-center -space-x-1.5" title={`Also viewing: ${names}`}>
      <span className="sr-only">Also viewing: {names}</span>
      {others.slice(0, 5).map((v) => (
        <span
          key={v.userId}
          aria-hidden="true"
          className="flex size-6 items-center justify-center rounded-full border-2 border-white bg-emerald-100 text-[10px] font-semibold text-emerald-800 dark:border-zinc-950 dark:bg-emerald-950 dark:text-emerald-300"
        >
          {initialsOf(v.name)}
        </span>
      ))}
      {others.length > 5 ? <span className="pl-2.5 text-xs text-zinc-500">+{others.length - 5}</span> : null}
    </div>
  );
}
