CREATE TABLE "endpoint_key_usage" (
	"key_id" text NOT NULL,
	"day" text NOT NULL,
	"org_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "endpoint_key_usage_key_id_day_pk" PRIMARY KEY("key_id","day")
);
--> statement-breakpoint
CREATE TABLE "inference_batch_lines" (
	"batch_id" text NOT NULL,
	"line" integer NOT NULL,
	"custom_id" text,
	"status" text NOT NULL,
	"body" jsonb,
	"response" jsonb,
	"error" jsonb,
	"request_id" text,
	"finished_at" timestamp with time zone,
	CONSTRAINT "inference_batch_lines_batch_id_line_pk" PRIMARY KEY("batch_id","line")
);
--> statement-breakpoint
CREATE TABLE "inference_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"key_id" text NOT NULL,
	"input_file_id" text NOT NULL,
	"url" text NOT NULL,
	"completion_window" text NOT NULL,
	"status" text NOT NULL,
	"output_file_id" text,
	"error_file_id" text,
	"errors" jsonb,
	"total_count" integer DEFAULT 0 NOT NULL,
	"completed_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"in_progress_at" timestamp with time zone,
	"finalizing_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"cancelling_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inference_files" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"purpose" text NOT NULL,
	"filename" text NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"created_by_key_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "endpoint_keys" ADD COLUMN "monthly_token_budget" bigint;--> statement-breakpoint
CREATE INDEX "endpoint_key_usage_org_idx" ON "endpoint_key_usage" USING btree ("org_id","endpoint_id","day");--> statement-breakpoint
CREATE INDEX "inference_batch_lines_pending_idx" ON "inference_batch_lines" USING btree ("batch_id","line") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "inference_batches_endpoint_idx" ON "inference_batches" USING btree ("org_id","endpoint_id","id");--> statement-breakpoint
CREATE INDEX "inference_batches_open_idx" ON "inference_batches" USING btree ("status") WHERE status in ('validating', 'in_progress', 'finalizing', 'cancelling');--> statement-breakpoint
CREATE INDEX "inference_files_endpoint_idx" ON "inference_files" USING btree ("org_id","endpoint_id","id");