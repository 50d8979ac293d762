CREATE TABLE "cost_allocations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"resource_id" text NOT NULL,
	"cost_center_id" text,
	"po_number" text,
	"effective_from" date NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_center_policies" (
	"org_id" text PRIMARY KEY NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_centers" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"owner_user_id" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"invoice_id" text NOT NULL,
	"org_id" text NOT NULL,
	"invoice_number" text NOT NULL,
	"document_sha256" text NOT NULL,
	"pdf_sha256" text NOT NULL,
	"prev_hash" text NOT NULL,
	"entry_hash" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_delegations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"delegator_user_id" text NOT NULL,
	"delegate_user_id" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text,
	"revoked_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"actions" jsonb NOT NULL,
	"threshold_monthly_jpy" bigint NOT NULL,
	"stages" jsonb NOT NULL,
	"expires_after_days" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budgets" ADD COLUMN "cost_center_id" text;--> statement-breakpoint
CREATE INDEX "cost_allocations_resource_idx" ON "cost_allocations" USING btree ("org_id","resource_id","effective_from","id");--> statement-breakpoint
CREATE INDEX "cost_allocations_center_idx" ON "cost_allocations" USING btree ("org_id","cost_center_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cost_centers_org_code_key" ON "cost_centers" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "cost_centers_org_idx" ON "cost_centers" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_chain_invoice_key" ON "invoice_chain" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_chain_prev_key" ON "invoice_chain" USING btree ("prev_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_chain_entry_key" ON "invoice_chain" USING btree ("entry_hash");--> statement-breakpoint
CREATE INDEX "approval_delegations_org_idx" ON "approval_delegations" USING btree ("org_id","delegate_user_id","to_date");--> statement-breakpoint
CREATE INDEX "approval_policies_org_idx" ON "approval_policies" USING btree ("org_id","id");