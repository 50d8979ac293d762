// Test-only re-exports for the staff API tests under app/api (route folders may not import lib/db).
export { createTestDatabase } from "@/lib/db/testing";
export type { DbHandle } from "@/lib/db/client";
