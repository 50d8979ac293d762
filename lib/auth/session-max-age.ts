import { positiveSetting } from "@/lib/server/env-settings";
/** How long a session lasts after its last refresh (HINOKI_SESSION_MAX_AGE, seconds; 8 hours by default). */
export const SESSION_MAX_AGE_SECONDS = positiveSetting("HINOKI_SESSION_MAX_AGE", 8 * 60 * 60);
