import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/domain/errors";

// Server pages that render a service's answer into the first HTML read it through these, so every
// page answers a refusal alike: another org's or an unknown object is the 404 page, as in the API.

/** The service's answer; `not_found` shows the 404 page. */
export function readOrNotFound<T>(read: Promise<T>): Promise<T> {
  return read.catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
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
