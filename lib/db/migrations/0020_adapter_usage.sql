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
CREATE INDEX "endpoint_adapter_usage_org_idx" ON "endpoint_adapter_usage" USING btree ("org_id","endpoint_id","day");