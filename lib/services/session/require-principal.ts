import "server-only";
import { redirect } from "next/navigation";
import type { Principal } from "@/lib/auth/principal";
import { currentPrincipal } from "./current-principal";

/**
 * For pages: the signed-in person, or a redirect to sign-in. Layouts check too, but Next renders
 * a page in parallel with its layout, so a page must not assume the layout's check ran first.
 */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in");
  return principal;
}
