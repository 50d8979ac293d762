import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import type { StaffRole } from "@/lib/domain/permissions";
import { assertStaffSessionIsStrong } from "@/lib/auth/sign-in-policy-gate";

/** The staff area does not exist for customers: a 404, not a 403, so it cannot be probed. */
export function requireStaff(principal: Principal, role?: StaffRole): StaffRole {
  if (principal.kind !== "user" || !principal.staffRole) throw new AppError("not_found");
  assertStaffSessionIsStrong(principal);
  if (role === "platform_admin" && principal.staffRole !== "platform_admin") throw new AppError("forbidden", "platform admins only");
  return principal.staffRole;
}
