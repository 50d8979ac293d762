import "@/lib/api/idempotency-pruning";
import "@/lib/services/notifications/email/register";
import "@/lib/services/control-plane-status/register";
import "@/lib/services/attestations/register";
import "@/lib/services/billing/register";
import "@/lib/services/clusters/register";
import "@/lib/services/endpoints/register";
import "@/lib/services/operations/register";
import "@/lib/services/reservations/register";
import "@/lib/services/capacity-queue/register";
import "@/lib/services/approvals/register";
import "@/lib/services/telemetry/register";
import "@/lib/services/batches/register";
// Each capability that needs the server process (background loops, plain-Node handlers, demo
// data) registers itself from its own module; this list is the one place that loads them.
export async function loadCapabilities(): Promise<void> {
  // Filled in as capabilities arrive (control plane, inference gateway, billing, attestations).
}
