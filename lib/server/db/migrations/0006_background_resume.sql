ALTER TABLE "offline_responses" ADD COLUMN "request" json;--> statement-breakpoint
ALTER TABLE "offline_responses" ADD COLUMN "run_lease_expires_at" timestamp with time zone;