import "server-only";
import { and, count, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invitations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isOpen } from "./received-invitation";

/** How many open invitations wait for the signed-in person (the console's banner). */
export async function countMyInvitations(principal: Principal, now = new Date()): Promise<number> {
  if (principal.kind !== "user") return 0;
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(invitations).where(and(eq(invitations.email, principal.email.toLowerCase()), isOpen(now)));
  return Number(row?.n ?? 0);
}
