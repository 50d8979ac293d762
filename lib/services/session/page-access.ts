import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Principal } from "@/lib/auth/principal";
import { staffSessionIsStrong } from "@/lib/auth/sign-in-policy-gate";
import { isAppError } from "@/lib/domain/errors";
import { currentPrincipal } from "./current-principal";
import { getOrgShell, type OrgShell } from "./get-org-shell";
import { answerRefusal } from "./page-read";

// Who may see an org's pages, or the staff area's, asked by each layout and each page alike:
// Next renders a page in parallel with its layouts, so a page that read data before its layout's
// check had answered would fail on the same refusal — logged as a server error for what is a 404
// or a redirect. The page waits for this first; the org's resolution is cached per request
// (getOrgShell), so the layout and the page share one.

/** The signed-in caller and the org's frame, or the page answer: sign-in, the 404 page, or the sign-in policy's page. */
export async function orgPageAccess(slug: string): Promise<{ principal: Principal; shell: OrgShell }> {
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  const shell = await getOrgShell(principal, slug).catch((error: unknown) => {
    // An org the caller may not read is, to them, an org that does not exist.
    if (isAppError(error) && error.code === "forbidden") notFound();
    answerRefusal(error);
    throw error;
  });
  return { principal, shell };
}

/** The signed-in staff member on a session strong enough for the staff area; for customers it does not exist (404). */
export async function staffPageAccess(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in?callbackUrl=/staff");
  if (!principal.staffRole) notFound();
  // Staff work only on a session signed in with a second factor (or the provider's own SSO).
  if (!staffSessionIsStrong(principal)) redirect("/account/security");
  return principal;
}
