DROP INDEX "capacity_reservations_idempotency_idx";--> statement-breakpoint
ALTER TABLE "capacity_reservations" DROP COLUMN "idempotency_key";