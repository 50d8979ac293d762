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
ALTER TABLE "endpoint_keys" ADD COLUMN "monthly_token_budget" bigint;--> statement-breakpoint
CREATE INDEX "endpoint_key_usage_org_idx" ON "endpoint_key_usage" USING btree ("org_id","endpoint_id","day");