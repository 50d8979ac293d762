CREATE TABLE "cp_scaling_events" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_replicas" integer NOT NULL,
	"to_replicas" integer NOT NULL,
	"cause" text NOT NULL,
	"metric" text,
	"observed" double precision,
	"target" double precision,
	"window_seconds" integer
);
--> statement-breakpoint
CREATE INDEX "cp_scaling_events_endpoint_idx" ON "cp_scaling_events" USING btree ("endpoint_id","id");