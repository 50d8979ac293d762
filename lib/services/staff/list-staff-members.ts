import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { isNotNull } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { StaffMember } from "@/lib/domain/staff";
import { requireStaff } from "./require-staff";

export async function listStaffMembers(principal: Principal): Promise<Page<StaffMember>> {
  requireStaff(principal);
  const db = await getDb();
  const rows = await db.select().from(users).where(isNotNull(users.staffRole)).orderBy(users.name);
  return wholePage(rows.map((u) => ({ userId: u.id, name: u.name, email: u.email, staffRole: u.staffRole as StaffMember["staffRole"] })));
}
