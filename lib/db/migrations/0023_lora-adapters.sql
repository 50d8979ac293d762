CREATE TABLE "endpoint_adapter_usage" (
	"org_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"adapter_name" text NOT NULL,
	"day" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "endpoint_adapter_usage_endpoint_id_adapter_name_day_pk" PRIMARY KEY("endpoint_id","adapter_name","day")
);
--> statement-breakpoint
CREATE TABLE "endpoint_adapters" (
	"org_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"adapter_id" text NOT NULL,
	"state" text NOT NULL,
	"adapter_name" text NOT NULL,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "endpoint_adapters_endpoint_id_adapter_id_pk" PRIMARY KEY("endpoint_id","adapter_id")
);
--> statement-breakpoint
CREATE TABLE "lora_adapters" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"base_model_id" text NOT NULL,
	"rank" integer NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"weights_file_id" text,
	"bytes" bigint,
	"sha256" text,
	"tensor_count" integer,
	"layer_count" integer,
	"target_modules" jsonb,
	"weights_uploaded_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cp_endpoints" ADD COLUMN "adapters" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "endpoint_adapter_usage_org_idx" ON "endpoint_adapter_usage" USING btree ("org_id","endpoint_id","day");--> statement-breakpoint
CREATE INDEX "endpoint_adapters_adapter_idx" ON "endpoint_adapters" USING btree ("org_id","adapter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lora_adapters_org_name_key" ON "lora_adapters" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "lora_adapters_org_idx" ON "lora_adapters" USING btree ("org_id","id");