CREATE TABLE "offline_chunks" (
	"vector_store_id" text NOT NULL,
	"file_id" text NOT NULL,
	"chunk_index" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "offline_chunks_vector_store_id_file_id_chunk_index_pk" PRIMARY KEY("vector_store_id","file_id","chunk_index")
);
--> statement-breakpoint
CREATE TABLE "offline_files" (
	"id" text PRIMARY KEY NOT NULL,
	"filename" text NOT NULL,
	"purpose" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"content_base64" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offline_vector_store_files" (
	"vector_store_id" text NOT NULL,
	"file_id" text NOT NULL,
	"status" text NOT NULL,
	"last_error" json,
	"usage_bytes" integer DEFAULT 0 NOT NULL,
	"chunking" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offline_vector_store_files_vector_store_id_file_id_pk" PRIMARY KEY("vector_store_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "offline_vector_stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"metadata" json DEFAULT '{}'::json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offline_chunks" ADD CONSTRAINT "offline_chunks_vector_store_id_file_id_offline_vector_store_files_vector_store_id_file_id_fk" FOREIGN KEY ("vector_store_id","file_id") REFERENCES "public"."offline_vector_store_files"("vector_store_id","file_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_vector_store_files" ADD CONSTRAINT "offline_vector_store_files_vector_store_id_offline_vector_stores_id_fk" FOREIGN KEY ("vector_store_id") REFERENCES "public"."offline_vector_stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_vector_store_files" ADD CONSTRAINT "offline_vector_store_files_file_id_offline_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."offline_files"("id") ON DELETE cascade ON UPDATE no action;