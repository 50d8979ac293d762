CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"created_by" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"data" jsonb,
	"ip" text,
	"user_agent" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_records" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb,
	"headers" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_records_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"legal_name_ja" text NOT NULL,
	"legal_name_en" text NOT NULL,
	"corporate_number" text,
	"billing_address" jsonb,
	"contact_name" text,
	"contact_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text,
	"succeeded" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_assignments" (
	"org_id" text NOT NULL,
	"staff_user_id" text NOT NULL,
	"assigned_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_assignments_org_id_staff_user_id_pk" PRIMARY KEY("org_id","staff_user_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"locale" text DEFAULT 'ja' NOT NULL,
	"staff_role" text,
	"oidc_subject" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gpu_reservations" (
	"org_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"region_id" text NOT NULL,
	"gpu_model" text NOT NULL,
	"gpus" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gpu_reservations_resource_id_region_id_gpu_model_pk" PRIMARY KEY("resource_id","region_id","gpu_model")
);
--> statement-breakpoint
CREATE TABLE "quota_limits" (
	"org_id" text NOT NULL,
	"region_id" text NOT NULL,
	"gpu_model" text NOT NULL,
	"gpus" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quota_limits_org_id_region_id_gpu_model_pk" PRIMARY KEY("org_id","region_id","gpu_model")
);
--> statement-breakpoint
CREATE TABLE "quota_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"region_id" text NOT NULL,
	"gpu_model" text NOT NULL,
	"current_gpus" integer NOT NULL,
	"requested_gpus" integer NOT NULL,
	"approved_gpus" integer,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "residency_policies" (
	"org_id" text PRIMARY KEY NOT NULL,
	"allowed_regions" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attestation_signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"encrypted_private_key" text NOT NULL,
	"kek_id" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attestations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"kid" text NOT NULL,
	"jws" text NOT NULL,
	"claims" jsonb NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"nonce" text,
	"node_set_digest" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"effective_from" date NOT NULL,
	"terms" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_ingestion_cursors" (
	"source" text PRIMARY KEY NOT NULL,
	"last_sequence" bigint NOT NULL,
	"records_ingested" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"monthly_amount_jpy" bigint NOT NULL,
	"thresholds" integer[] NOT NULL,
	"soft_action" text DEFAULT 'none' NOT NULL,
	"notified_month" text,
	"notified_threshold" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_number_counters" (
	"month" text PRIMARY KEY NOT NULL,
	"last_value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"recipient_name" text NOT NULL,
	"subtotal_jpy" bigint NOT NULL,
	"tax_jpy" bigint NOT NULL,
	"total_jpy" bigint NOT NULL,
	"document" jsonb NOT NULL,
	"pdf" "bytea" NOT NULL,
	"issue_date" date NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"due_date" date NOT NULL,
	"corrects_invoice_id" text
);
--> statement-breakpoint
CREATE TABLE "usage_daily_rollups" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"service" text NOT NULL,
	"sku" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"unit_price_micro" bigint NOT NULL,
	"seconds" bigint NOT NULL,
	"gpu_seconds" bigint NOT NULL,
	"tokens" bigint NOT NULL,
	"list_amount_ru" numeric(40, 0) NOT NULL,
	CONSTRAINT "usage_daily_rollups_pk" PRIMARY KEY("org_id","day","service","sku","region_id","zone_id","resource_id","unit_price_micro")
);
--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"meter" text NOT NULL,
	"shape_id" text,
	"control_plane_tier" text,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"interval_start" timestamp with time zone NOT NULL,
	"interval_end" timestamp with time zone NOT NULL,
	"seconds" bigint NOT NULL,
	"gpu_seconds" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"requests" bigint NOT NULL,
	"sequence" bigint NOT NULL,
	"list_amount_ru" numeric(40, 0) NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cluster_node_pools" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"cluster_id" text NOT NULL,
	"name" text NOT NULL,
	"shape_id" text NOT NULL,
	"count" integer NOT NULL,
	"autoscaling_min" integer,
	"autoscaling_max" integer,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"taints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topology" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"kubernetes_version" text NOT NULL,
	"control_plane" text NOT NULL,
	"network" jsonb NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"released" jsonb,
	"api_server_url" text,
	"gpu_count" integer DEFAULT 0 NOT NULL,
	"node_count" integer DEFAULT 0 NOT NULL,
	"gpu_models" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"price_per_hour_jpy" integer DEFAULT 0 NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"target_name" text,
	"status" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"current_step" text,
	"error" jsonb,
	"request" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submission" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	"control_plane_operation_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "endpoint_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "endpoint_metrics" (
	"endpoint_id" text NOT NULL,
	"org_id" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"latency_hist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ttft_hist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cold_starts" integer DEFAULT 0 NOT NULL,
	"max_cold_start_ms" integer,
	"replicas" integer,
	CONSTRAINT "endpoint_metrics_endpoint_id_minute_pk" PRIMARY KEY("endpoint_id","minute")
);
--> statement-breakpoint
CREATE TABLE "endpoint_operations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"request" jsonb NOT NULL,
	"control_plane_operation_id" text,
	"submit_attempts" integer DEFAULT 0 NOT NULL,
	"last_submit_error" text,
	"progress" integer DEFAULT 0 NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" jsonb,
	"created_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"model_id" text NOT NULL,
	"shape_id" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"min_replicas" integer NOT NULL,
	"max_replicas" integer NOT NULL,
	"autoscaling" jsonb NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"replicas_current" integer DEFAULT 0 NOT NULL,
	"replicas_ready" integer DEFAULT 0 NOT NULL,
	"cold_start_seconds" integer NOT NULL,
	"simulated" boolean DEFAULT true NOT NULL,
	"last_request_at" timestamp with time zone,
	"synced_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"category" text NOT NULL,
	"title_key" text NOT NULL,
	"body_key" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_email_deliveries" (
	"notification_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"message_id" text,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_email_preferences" (
	"user_id" text NOT NULL,
	"category" text NOT NULL,
	"email" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_email_preferences_user_id_category_pk" PRIMARY KEY("user_id","category")
);
--> statement-breakpoint
CREATE TABLE "cp_cluster_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"token_sha256" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cp_clusters" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"kubernetes_version" text NOT NULL,
	"control_plane_tier" text NOT NULL,
	"node_pools" jsonb NOT NULL,
	"network" jsonb NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"api_server_url" text NOT NULL,
	"ca_certificate_pem" text NOT NULL,
	"ca_private_key_pem" text NOT NULL,
	"control_plane_started_at" timestamp with time zone,
	"control_plane_stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cp_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"model_id" text NOT NULL,
	"shape_id" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"min_replicas" integer NOT NULL,
	"max_replicas" integer NOT NULL,
	"autoscaling" jsonb NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"last_request_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cp_gpus" (
	"host_id" text NOT NULL,
	"gpu_index" integer NOT NULL,
	"model" text NOT NULL,
	"board_serial" text NOT NULL,
	"ueid" text NOT NULL,
	"vbios" text NOT NULL,
	"driver" text NOT NULL,
	"cc_mode" text NOT NULL,
	CONSTRAINT "cp_gpus_host_id_gpu_index_pk" PRIMARY KEY("host_id","gpu_index")
);
--> statement-breakpoint
CREATE TABLE "cp_hosts" (
	"id" text PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"host_shape" text NOT NULL,
	"rack_id" text,
	"rack_slot" integer,
	"gpu_count" integer NOT NULL,
	"slots" integer NOT NULL,
	"used_slots" integer DEFAULT 0 NOT NULL,
	"used_mask" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cp_idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"operation_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cp_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cp_metering_records" (
	"sequence" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"record" jsonb NOT NULL,
	"resource_id" text NOT NULL,
	"interval_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cp_operations" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"status" text NOT NULL,
	"steps" jsonb NOT NULL,
	"current_step" integer NOT NULL,
	"step_started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fail_at_step" integer,
	"error" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cp_placements" (
	"id" text PRIMARY KEY NOT NULL,
	"resource_id" text NOT NULL,
	"resource_kind" text NOT NULL,
	"tenant_id" text NOT NULL,
	"pool_id" text,
	"operation_id" text,
	"host_id" text NOT NULL,
	"slot_mask" integer NOT NULL,
	"shape_id" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"gpu_count" integer NOT NULL,
	"state" text NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	"ready_due_at" timestamp with time zone,
	"provisioned_at" timestamp with time zone,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cp_token_usage" (
	"endpoint_id" text NOT NULL,
	"interval_start" timestamp with time zone NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cp_token_usage_endpoint_id_interval_start_pk" PRIMARY KEY("endpoint_id","interval_start")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assignments" ADD CONSTRAINT "staff_assignments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assignments" ADD CONSTRAINT "staff_assignments_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_kid_attestation_signing_keys_kid_fk" FOREIGN KEY ("kid") REFERENCES "public"."attestation_signing_keys"("kid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_contracts" ADD CONSTRAINT "billing_contracts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_corrects_invoice_id_invoices_id_fk" FOREIGN KEY ("corrects_invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_notes" ADD CONSTRAINT "account_notes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_notes" ADD CONSTRAINT "account_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_org_idx" ON "api_tokens" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_org_idx" ON "audit_events" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_org_action_idx" ON "audit_events" USING btree ("org_id","action");--> statement-breakpoint
CREATE INDEX "invitations_org_idx" ON "invitations" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_org_user_key" ON "memberships" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_slug_key" ON "orgs" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_email_idx" ON "sign_in_attempts" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "staff_assignments_user_idx" ON "staff_assignments" USING btree ("staff_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users" USING btree ("oidc_subject");--> statement-breakpoint
CREATE INDEX "gpu_reservations_org_idx" ON "gpu_reservations" USING btree ("org_id","region_id","gpu_model");--> statement-breakpoint
CREATE INDEX "quota_requests_org_idx" ON "quota_requests" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "quota_requests_status_idx" ON "quota_requests" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "attestation_signing_keys_one_active" ON "attestation_signing_keys" USING btree ("status") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "attestations_org_idx" ON "attestations" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "attestations_resource_idx" ON "attestations" USING btree ("org_id","resource_id","issued_at");--> statement-breakpoint
CREATE INDEX "billing_contracts_org_idx" ON "billing_contracts" USING btree ("org_id","effective_from");--> statement-breakpoint
CREATE INDEX "budgets_org_idx" ON "budgets" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_month_original_key" ON "invoices" USING btree ("org_id","month") WHERE kind = 'invoice';--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_corrects_key" ON "invoices" USING btree ("corrects_invoice_id");--> statement-breakpoint
CREATE INDEX "invoices_org_issued_idx" ON "invoices" USING btree ("org_id","issued_at");--> statement-breakpoint
CREATE INDEX "invoices_issue_date_idx" ON "invoices" USING btree ("issue_date");--> statement-breakpoint
CREATE INDEX "invoices_total_idx" ON "invoices" USING btree ("total_jpy");--> statement-breakpoint
CREATE INDEX "invoices_recipient_idx" ON "invoices" USING btree ("recipient_name");--> statement-breakpoint
CREATE INDEX "usage_records_org_interval_idx" ON "usage_records" USING btree ("org_id","interval_start");--> statement-breakpoint
CREATE INDEX "cluster_node_pools_org_cluster_idx" ON "cluster_node_pools" USING btree ("org_id","cluster_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_org_id_idx" ON "clusters" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "clusters_org_name_idx" ON "clusters" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "clusters_org_status_idx" ON "clusters" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_org_live_name_idx" ON "clusters" USING btree ("org_id","name") WHERE status <> 'deleted';--> statement-breakpoint
CREATE UNIQUE INDEX "operations_org_id_idx" ON "operations" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "operations_org_target_idx" ON "operations" USING btree ("org_id","target_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_org_idempotency_idx" ON "operations" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "operations_open_idx" ON "operations" USING btree ("status") WHERE status in ('pending', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "endpoint_keys_hash_key" ON "endpoint_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "endpoint_keys_endpoint_idx" ON "endpoint_keys" USING btree ("org_id","endpoint_id","id");--> statement-breakpoint
CREATE INDEX "endpoint_metrics_org_idx" ON "endpoint_metrics" USING btree ("org_id","endpoint_id","minute");--> statement-breakpoint
CREATE INDEX "endpoint_operations_endpoint_idx" ON "endpoint_operations" USING btree ("org_id","endpoint_id","id");--> statement-breakpoint
CREATE INDEX "endpoint_operations_open_idx" ON "endpoint_operations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "endpoints_org_idx" ON "endpoints" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "endpoints_org_name_live_key" ON "endpoints" USING btree ("org_id","name") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_org_user_idx" ON "notifications" USING btree ("org_id","user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_dedupe_key" ON "notifications" USING btree ("user_id","dedupe_key") WHERE dedupe_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "account_notes_org_idx" ON "account_notes" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "notification_email_deliveries_retry_idx" ON "notification_email_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "cp_cluster_credentials_cluster_idx" ON "cp_cluster_credentials" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "cp_clusters_tenant_idx" ON "cp_clusters" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "cp_endpoints_tenant_idx" ON "cp_endpoints" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cp_gpus_ueid_key" ON "cp_gpus" USING btree ("ueid");--> statement-breakpoint
CREATE INDEX "cp_hosts_placement_idx" ON "cp_hosts" USING btree ("zone_id","host_shape","used_slots");--> statement-breakpoint
CREATE INDEX "cp_hosts_rack_idx" ON "cp_hosts" USING btree ("rack_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cp_metering_records_id_key" ON "cp_metering_records" USING btree ("id");--> statement-breakpoint
CREATE INDEX "cp_metering_records_resource_idx" ON "cp_metering_records" USING btree ("resource_id","interval_start");--> statement-breakpoint
CREATE INDEX "cp_operations_due_idx" ON "cp_operations" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "cp_operations_tenant_idx" ON "cp_operations" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "cp_operations_target_idx" ON "cp_operations" USING btree ("target_id","started_at");--> statement-breakpoint
CREATE INDEX "cp_placements_resource_idx" ON "cp_placements" USING btree ("resource_id","state");--> statement-breakpoint
CREATE INDEX "cp_placements_operation_idx" ON "cp_placements" USING btree ("operation_id");--> statement-breakpoint
CREATE INDEX "cp_placements_released_idx" ON "cp_placements" USING btree ("released_at");--> statement-breakpoint
CREATE INDEX "cp_placements_state_idx" ON "cp_placements" USING btree ("state","ready_due_at");