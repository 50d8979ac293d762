import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";

/**
 * Only the person answers an invitation: an API token acts for an org, not for whoever made it,
 * and must not join orgs on that person's behalf. (A principal exists only for an account that
 * proved its address; see principalForUser.)
 */
export function assertPerson(principal: Principal): void {
  if (principal.kind !== "user") throw new AppError("forbidden", "only the invited person can answer an invitation");
}
