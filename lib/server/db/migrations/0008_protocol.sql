CREATE TABLE "offline_conversation_items" (
	"conversation_id" text NOT NULL,
	"item_id" text NOT NULL,
	"position" integer NOT NULL,
	"item" json NOT NULL,
	CONSTRAINT "offline_conversation_items_conversation_id_item_id_pk" PRIMARY KEY("conversation_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "offline_conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"metadata" json DEFAULT '{}'::json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offline_file_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"vector_store_id" text NOT NULL,
	"file_ids" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offline_vector_store_files" ADD COLUMN "attributes" json DEFAULT '{}'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "offline_conversation_items" ADD CONSTRAINT "offline_conversation_items_conversation_id_offline_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."offline_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_file_batches" ADD CONSTRAINT "offline_file_batches_vector_store_id_offline_vector_stores_id_fk" FOREIGN KEY ("vector_store_id") REFERENCES "public"."offline_vector_stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offline_conversation_items_position_idx" ON "offline_conversation_items" USING btree ("conversation_id","position");