CREATE TABLE "approval_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"request_id" text NOT NULL,
	"stage_index" integer NOT NULL,
	"stage_name" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text NOT NULL,
	"decider_user_id" text NOT NULL,
	"decider_name" text NOT NULL,
	"on_behalf_of_user_id" text,
	"on_behalf_of_name" text,
	"delegation_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"subject" text NOT NULL,
	"purpose" text NOT NULL,
	"target_name" text NOT NULL,
	"order" jsonb NOT NULL,
	"monthly_jpy" bigint NOT NULL,
	"estimate" jsonb NOT NULL,
	"cost_center_id" text,
	"po_number" text,
	"snapshot" jsonb NOT NULL,
	"policy_id" text,
	"policy_name" text NOT NULL,
	"stages" jsonb NOT NULL,
	"current_stage" integer DEFAULT 0 NOT NULL,
	"requester_user_id" text NOT NULL,
	"requester_name" text NOT NULL,
	"requester_email" text NOT NULL,
	"requester_amr" jsonb NOT NULL,
	"previous_request_id" text,
	"idempotency_key" text,
	"fingerprint" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"operation_id" text,
	"refusal" jsonb,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "approval_decisions_stage_idx" ON "approval_decisions" USING btree ("request_id","stage_index");--> statement-breakpoint
CREATE INDEX "approval_decisions_org_idx" ON "approval_decisions" USING btree ("org_id","request_id");--> statement-breakpoint
CREATE INDEX "approval_requests_org_idx" ON "approval_requests" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "approval_requests_open_idx" ON "approval_requests" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_requests_org_idempotency_idx" ON "approval_requests" USING btree ("org_id","idempotency_key");