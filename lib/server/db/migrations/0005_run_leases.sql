ALTER TABLE "nodes" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "nodes" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "nodes_running_idx" ON "nodes" USING btree ("lease_expires_at") WHERE "nodes"."status" in ('queued', 'in_progress');