import { reasoningSummary } from "@/lib/responses/items";
import type { JsonObject } from "@/lib/responses/json";
import { ItemIcon } from "@/components/ui/item-icon";
import { AnswerMarkdown } from "./markdown";

/** The model's reasoning summaries, collapsed by default above the answer; nothing when there are none. */
export function ReasoningSummaries({ items }: { items: readonly unknown[] }) {
  const summaries = items
    .filter((item): item is JsonObject => (item as JsonObject | null)?.type === "reasoning")
    .flatMap((item) => reasoningSummary(item));
  if (summaries.length === 0) return null;
  return (
    <details data-testid="reasoning-summary" className="group rounded-lg border border-zinc-200 text-[13px] dark:border-zinc-800">
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-xs font-medium text-zinc-600 select-none hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-50">
        <ItemIcon icon="reasoning" width={14} height={14} />
        Reasoning summary
        <span className="font-normal text-zinc-400">({summaries.length})</span>
      </summary>
      <div className="space-y-2 border-t border-zinc-100 px-3 py-2 text-zinc-700 dark:border-zinc-800 dark:text-zinc-300">
        {summaries.map((text, i) => (
          <AnswerMarkdown key={i} text={text} />
        ))}
      </div>
    </details>
  );
}
