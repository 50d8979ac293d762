import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { NOTIFICATION_AUDIENCE } from "@/lib/domain/notification-routing";
import { notifyOrgRoles } from "../notifications/notify";

/** Owners and admins hear about people leaving the org or changing role (issue 10). */
export async function notifyMemberChange(
  tx: Tx,
  principal: Principal,
  org: { id: string; slug: string },
  change: { userId: string; membershipId: string } & ({ kind: "removed" } | { kind: "role"; from: string; to: string }),
): Promise<void> {
  const [person] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, change.userId)).limit(1);
  const base = { name: person?.name ?? change.userId, email: person?.email ?? "", actor: principal.name };
  await notifyOrgRoles(
    tx,
    org.id,
    NOTIFICATION_AUDIENCE.member,
    change.kind === "removed"
      ? { category: "member", titleKey: "memberRemoved.title", bodyKey: "memberRemoved.body", params: base, link: `/${org.slug}/settings/members`, dedupeKey: `member.remove:${change.membershipId}` }
      : {
          category: "member",
          titleKey: "memberRoleChanged.title",
          bodyKey: "memberRoleChanged.body",
          params: { ...base, from: change.from, to: change.to },
          link: `/${org.slug}/settings/members`,
          dedupeKey: `member.role:${change.membershipId}:${Date.now()}`,
        },
  );
}
