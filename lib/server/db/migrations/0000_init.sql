CREATE TABLE "node_events" (
	"node_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"data" json NOT NULL,
	"at_ms" integer NOT NULL,
	CONSTRAINT "node_events_node_id_seq_pk" PRIMARY KEY("node_id","seq")
);
--> statement-breakpoint
CREATE TABLE "nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"tree_id" text NOT NULL,
	"parent_id" text,
	"provider_id" text NOT NULL,
	"model" text NOT NULL,
	"input" json NOT NULL,
	"request" json,
	"response" json,
	"response_id" text,
	"status" text NOT NULL,
	"error" json,
	"context_mode" text NOT NULL,
	"context_fallback" boolean DEFAULT false NOT NULL,
	"store" boolean DEFAULT true NOT NULL,
	"usage" json,
	"ttft_ms" integer,
	"duration_ms" integer,
	"cost_usd" double precision,
	"label" text,
	"starred" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"input_preview" text DEFAULT '' NOT NULL,
	"output_preview" text DEFAULT '' NOT NULL,
	"item_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"citation_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offline_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"previous_response_id" text,
	"response" json NOT NULL,
	"input_items" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trees" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"provider_id" text NOT NULL,
	"model" text NOT NULL,
	"instructions" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "node_events" ADD CONSTRAINT "node_events_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_tree_id_trees_id_fk" FOREIGN KEY ("tree_id") REFERENCES "public"."trees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_parent_id_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nodes_tree_idx" ON "nodes" USING btree ("tree_id","created_at");--> statement-breakpoint
CREATE INDEX "nodes_parent_idx" ON "nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "offline_responses_prev_idx" ON "offline_responses" USING btree ("previous_response_id");