ALTER TABLE "endpoint_metrics" ADD COLUMN "adapter_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cp_token_usage" ADD COLUMN "batch" boolean DEFAULT false NOT NULL;