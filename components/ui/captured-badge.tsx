import { Badge } from "./status";

/** Marks a tree or node the recording proxy captured from a client's calls, with the client's name. */
export function CapturedBadge({ clientName }: { clientName: string | null }) {
  const client = clientName ?? "a client";
  return (
    <Badge tone="accent" title={`Captured by the recording proxy from ${client}`}>
      <span data-testid="captured-badge">captured{clientName ? ` · ${clientName}` : ""}</span>
    </Badge>
  );
}
