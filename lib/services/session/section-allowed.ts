import "server-only";
import { redirect } from "next/navigation";
import type { Principal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/domain/errors";
import { currentPrincipal } from "./current-principal";
import { answerRefusal } from "./page-read";

/**
 * The gate of a console section whose pages need more than org.read (billing, reservations):
 * signed out → sign-in and back; an org the caller cannot see → 404; a role without the section's
 * permission → false (the layout says so in place of the pages); otherwise true.
 * `access` is the section's own check (billingAccess, reservationsAccess), which throws AppError.
 */
export async function sectionAllowed(slug: string, section: string, access: (principal: Principal, slug: string) => Promise<unknown>): Promise<boolean> {
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${slug}/${section}`)}`);
  return access(principal, slug).then(
    () => true,
    (error) => {
      if (isAppError(error) && error.code === "forbidden") return false;
      answerRefusal(error);
      throw error;
    },
  );
}
