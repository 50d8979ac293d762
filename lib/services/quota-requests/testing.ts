// Test harness for the catalog and quota routes' tests under app/api (which may not reach
// lib/db or lib/control-plane themselves): a fresh database and a control plane of the test's choosing.
export { createTestDatabase } from "@/lib/db/testing";
export { setControlPlane } from "@/lib/control-plane";
export type { ControlPlane } from "@/lib/control-plane";
export type { DbHandle } from "@/lib/db/client";
