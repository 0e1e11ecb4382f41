ALTER TABLE "nodes" ADD COLUMN "compacted_from" text;
