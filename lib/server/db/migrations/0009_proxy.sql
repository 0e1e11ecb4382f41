ALTER TABLE "nodes" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "nodes" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "nodes" ADD COLUMN "client_name" text;--> statement-breakpoint
ALTER TABLE "trees" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "trees" ADD COLUMN "client_name" text;--> statement-breakpoint
ALTER TABLE "trees" ADD COLUMN "proxy_key" text;--> statement-breakpoint
CREATE INDEX "nodes_response_idx" ON "nodes" USING btree ("response_id");--> statement-breakpoint
ALTER TABLE "trees" ADD CONSTRAINT "trees_proxy_key_unique" UNIQUE("proxy_key");