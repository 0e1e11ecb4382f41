CREATE TABLE "node_event_batches" (
	"node_id" text NOT NULL,
	"first_seq" integer NOT NULL,
	"last_seq" integer NOT NULL,
	"events" text NOT NULL,
	CONSTRAINT "node_event_batches_node_id_first_seq_pk" PRIMARY KEY("node_id","first_seq")
);
--> statement-breakpoint
ALTER TABLE "node_event_batches" ADD CONSTRAINT "node_event_batches_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;