import "server-only";
import { SUPPORT_EMAIL } from "@/lib/domain/support";
import { emailSetting } from "./env-settings";

/** The support contact the help menu offers: HINOKI_SUPPORT_EMAIL, or the documented default. */
export function supportEmail(): string {
  return emailSetting("HINOKI_SUPPORT_EMAIL", SUPPORT_EMAIL);
}
