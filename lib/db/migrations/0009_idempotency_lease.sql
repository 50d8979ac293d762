ALTER TABLE "idempotency_records" ADD COLUMN "holder" text;--> statement-breakpoint
ALTER TABLE "idempotency_records" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "idempotency_records_created_idx" ON "idempotency_records" USING btree ("created_at");