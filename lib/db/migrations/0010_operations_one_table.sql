ALTER TABLE "operations" ADD COLUMN "requested_by_user_id" text;--> statement-breakpoint
CREATE INDEX "operations_org_target_kind_idx" ON "operations" USING btree ("org_id","target_kind","id");