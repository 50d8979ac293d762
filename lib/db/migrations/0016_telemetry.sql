CREATE TABLE "gpu_health_events" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gpu_rollups" (
	"resource_id" text NOT NULL,
	"node_id" text NOT NULL,
	"resolution" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"org_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"pool_id" text,
	"shape_id" text NOT NULL,
	"node_gpu_count" integer NOT NULL,
	"samples" integer NOT NULL,
	"util_sum" double precision NOT NULL,
	"util_max" real NOT NULL,
	"fb_used_sum" double precision NOT NULL,
	"fb_total_sum" double precision NOT NULL,
	"power_sum" double precision NOT NULL,
	"temp_sum" double precision NOT NULL,
	"temp_max" real NOT NULL,
	CONSTRAINT "gpu_rollups_resource_id_node_id_resolution_bucket_pk" PRIMARY KEY("resource_id","node_id","resolution","bucket")
);
--> statement-breakpoint
CREATE TABLE "gpu_samples" (
	"uuid" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"org_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"node_id" text NOT NULL,
	"pool_id" text,
	"shape_id" text NOT NULL,
	"node_gpu_count" integer NOT NULL,
	"hostname" text NOT NULL,
	"gpu_index" integer NOT NULL,
	"model_name" text NOT NULL,
	"util" real NOT NULL,
	"gr_active" real NOT NULL,
	"fb_used" integer NOT NULL,
	"fb_free" integer NOT NULL,
	"power" real NOT NULL,
	"temp" real NOT NULL,
	"xid" integer NOT NULL,
	"ecc_sbe" integer NOT NULL,
	"ecc_dbe" integer NOT NULL,
	CONSTRAINT "gpu_samples_uuid_window_start_pk" PRIMARY KEY("uuid","window_start")
);
--> statement-breakpoint
CREATE TABLE "cp_health_events" (
	"sequence" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"resource_id" text NOT NULL,
	"pool_id" text,
	"host_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cp_node_replacements" (
	"old_node_id" text PRIMARY KEY NOT NULL,
	"new_node_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"fault_at" timestamp with time zone NOT NULL,
	"ready_due_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "gpu_health_events_resource_idx" ON "gpu_health_events" USING btree ("org_id","resource_id","at");--> statement-breakpoint
CREATE INDEX "gpu_rollups_org_idx" ON "gpu_rollups" USING btree ("org_id","resolution","bucket");--> statement-breakpoint
CREATE INDEX "gpu_rollups_bucket_idx" ON "gpu_rollups" USING btree ("resolution","bucket");--> statement-breakpoint
CREATE INDEX "gpu_samples_resource_idx" ON "gpu_samples" USING btree ("org_id","resource_id","window_start");--> statement-breakpoint
CREATE INDEX "gpu_samples_window_idx" ON "gpu_samples" USING btree ("window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "cp_health_events_id_key" ON "cp_health_events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "cp_health_events_resource_idx" ON "cp_health_events" USING btree ("resource_id","at");--> statement-breakpoint
CREATE INDEX "cp_health_events_host_idx" ON "cp_health_events" USING btree ("host_id","at");--> statement-breakpoint
CREATE INDEX "cp_node_replacements_due_idx" ON "cp_node_replacements" USING btree ("completed_at","ready_due_at");