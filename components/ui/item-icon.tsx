import type { ReactNode } from "react";
import type { ItemIconKey } from "@/lib/responses/items";
import { Icon, type IconProps } from "./icons";

/** One drawing per item icon key; a key missing here is a compile error. */
const drawings: Record<ItemIconKey, ReactNode> = {
  message: <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2v-7Z" />,
  reasoning: (
    <>
      <path d="M6 13.5h4M6.5 11.5h3" />
      <path d="M8 2a4 4 0 0 0-2.3 7.3c.5.4.8.9.8 1.5v.7h3v-.7c0-.6.3-1.1.8-1.5A4 4 0 0 0 8 2Z" />
    </>
  ),
  globe: (
    <>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M2.5 8h11M8 2.5c1.6 1.6 2.3 3.5 2.3 5.5S9.6 11.9 8 13.5C6.4 11.9 5.7 10 5.7 8S6.4 4.1 8 2.5Z" />
    </>
  ),
  fileSearch: (
    <>
      <path d="M9 13.5H4a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h5l3 3v2.5" />
      <circle cx="10.5" cy="10.5" r="2" />
      <path d="m12 12 1.5 1.5" />
    </>
  ),
  code: <path d="M5.5 4.5 2 8l3.5 3.5M10.5 4.5 14 8l-3.5 3.5M9 3 7 13" />,
  function: <path d="M10.5 2.5h-1a2 2 0 0 0-2 2v7a2 2 0 0 1-2 2h-1M5 7h5" />,
  mcp: (
    <>
      <path d="M6 2.5v3M10 2.5v3M4.5 5.5h7v2.5a3.5 3.5 0 0 1-7 0V5.5Z" />
      <path d="M8 11.5v2" />
    </>
  ),
  image: (
    <>
      <rect x="2.5" y="3" width="11" height="10" rx="1.5" />
      <circle cx="6" cy="6.5" r="1" />
      <path d="m3 12 3.5-3.5 2.5 2.5 1.5-1.5L13 12" />
    </>
  ),
  computer: (
    <>
      <rect x="2" y="3" width="12" height="8" rx="1" />
      <path d="M6 13.5h4M8 11v2.5" />
    </>
  ),
  terminal: (
    <>
      <rect x="2" y="3" width="12" height="10" rx="1.5" />
      <path d="m4.5 6.5 2 1.5-2 1.5M8 10h3" />
    </>
  ),
  agents: (
    <>
      <circle cx="8" cy="4" r="1.8" />
      <circle cx="4" cy="12" r="1.8" />
      <circle cx="12" cy="12" r="1.8" />
      <path d="M7 5.5 5 10.3M9 5.5l2 4.8" />
    </>
  ),
  compaction: <path d="M3 3.5h10M3 12.5h10M8 5.5v5M6 7.5l2-2 2 2M6 8.5l2 2 2-2" />,
  patch: (
    <>
      <path d="M9 13.5H4a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h5l3 3v3" />
      <path d="M11.5 9.5v4M9.5 11.5h4" />
    </>
  ),
  unknown: (
    <>
      <rect x="2.5" y="2.5" width="11" height="11" rx="2" />
      <path d="M6.5 6.5a1.5 1.5 0 1 1 2 1.4c-.3.1-.5.4-.5.7v.4M8 11v.01" />
    </>
  ),
};

/** The small icon of an output item kind (web search, code, MCP, ...). */
export function ItemIcon({ icon, ...props }: IconProps & { icon: ItemIconKey }) {
  return <Icon {...props}>{drawings[icon]}</Icon>;
}
