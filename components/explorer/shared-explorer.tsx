"use client";

import { useEffect, useState } from "react";
import { Explorer } from "./explorer";
import { readThroughLink } from "@/lib/client/api";

/** The explorer of a read-only link: everything is read through the link's token, nothing can be changed. */
export function SharedExplorer({ token, treeId, initialNodeId }: { token: string; treeId: string; initialNodeId: string | null }) {
  // Set before the first render's reads, and undone when the page is left.
  useState(() => readThroughLink(token));
  useEffect(() => () => readThroughLink(null), []);
  return (
    <div className="h-dvh min-h-[600px] min-w-[1024px] overflow-hidden">
      <Explorer treeId={treeId} initialNodeId={initialNodeId} readOnlyLink={token} />
    </div>
  );
}
