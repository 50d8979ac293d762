import "server-only";
import { notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/domain/errors";

// Server pages and layouts answer a service's refusal of the caller as a page answer — the 404
// page (another org's or an unknown object, as in the API), or a redirect to where the session can
// meet the rule that refused it — never as a thrown error, which Next logs as a server failure and
// an operator would be paged for.

/** The page answer to a refusal of the caller; returns for any other error (the caller rethrows it). */
export function answerRefusal(error: unknown): void {
  if (!isAppError(error)) return;
  if (error.code === "not_found") notFound();
  // The org's sign-in policy asks more of this session: say why, and the way in.
  if (error.code === "org_requires_mfa" || error.code === "org_requires_sso") {
    const org = typeof error.details?.org === "string" ? error.details.org : "";
    redirect(`/account/org-access/${encodeURIComponent(org)}`);
  }
  if (error.code === "staff_mfa_required") redirect("/account/security");
}

/** The service's answer; a refusal of the caller gets its page answer (`not_found` the 404 page). */
export function readOrNotFound<T>(read: Promise<T>): Promise<T> {
  return read.catch((error: unknown) => {
    answerRefusal(error);
    throw error;
  });
}

/**
 * The same for data a role may lack the permission for: `forbidden` gives `undefined`, and the
 * page renders without it (the section's layout or the browser's request explains the refusal).
 */
export function readIfAllowed<T>(read: Promise<T>): Promise<T | undefined> {
  return readOrNotFound(read).catch((error: unknown) => {
    if (isAppError(error) && error.code === "forbidden") return undefined;
    throw error;
  });
}
