ALTER TABLE "nodes" ADD COLUMN "answered_call_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
UPDATE "nodes" SET "answered_call_ids" = coalesce((
  SELECT jsonb_agg(item->>'call_id') FROM json_array_elements("input") AS item
  WHERE item->>'type' = 'function_call_output' AND item->>'call_id' IS NOT NULL
), '[]'::jsonb) WHERE json_typeof("input") = 'array';
