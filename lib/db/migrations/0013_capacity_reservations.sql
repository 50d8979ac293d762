CREATE TABLE "capacity_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"shape_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"count" integer NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"deadline" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notified_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "capacity_reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"shape_id" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"count" integer NOT NULL,
	"gpu_count" integer NOT NULL,
	"term" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reserved_hour_ru" numeric(40, 0) NOT NULL,
	"term_discount_bps" integer NOT NULL,
	"contract_discount_bps" integer NOT NULL,
	"total_commitment_jpy" bigint NOT NULL,
	"state" text DEFAULT 'ordered' NOT NULL,
	"idempotency_key" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"expiry_notice_days" integer,
	"low_utilisation_notified_on" text
);
--> statement-breakpoint
CREATE TABLE "cp_reservation_hosts" (
	"reservation_id" text NOT NULL,
	"host_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cp_reservation_hosts_reservation_id_host_id_pk" PRIMARY KEY("reservation_id","host_id")
);
--> statement-breakpoint
CREATE TABLE "cp_reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"shape_id" text NOT NULL,
	"region_id" text NOT NULL,
	"zone_id" text NOT NULL,
	"count" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "usage_records" ADD COLUMN "reservation_id" text;--> statement-breakpoint
ALTER TABLE "cp_hosts" ADD COLUMN "held_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cp_placements" ADD COLUMN "reservation_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "capacity_requests_org_id_idx" ON "capacity_requests" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "capacity_requests_waiting_idx" ON "capacity_requests" USING btree ("state","zone_id","shape_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "capacity_reservations_org_id_idx" ON "capacity_reservations" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "capacity_reservations_idempotency_idx" ON "capacity_reservations" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "capacity_reservations_ends_idx" ON "capacity_reservations" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "cp_reservation_hosts_host_idx" ON "cp_reservation_hosts" USING btree ("host_id","ends_at");--> statement-breakpoint
CREATE INDEX "cp_reservations_tenant_idx" ON "cp_reservations" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "cp_reservations_ends_idx" ON "cp_reservations" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "usage_records_reservation_idx" ON "usage_records" USING btree ("reservation_id");