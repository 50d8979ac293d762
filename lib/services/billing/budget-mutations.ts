import "server-only";
import type { OrgAccess } from "@/lib/auth/org-access";
import { AppError } from "@/lib/domain/errors";

// Who may choose what a budget does at 100 %: the owner (issue 7). Billing and admin members set
// amounts and thresholds; a soft action scales the org's endpoints down, so it is the owner's call.
export function assertMayChooseSoftAction(access: OrgAccess): void {
  if (access.role !== "owner") {
    throw new AppError("forbidden", "only an owner can choose or remove a budget's soft action", { field: "softAction", permission: "owner" });
  }
}
