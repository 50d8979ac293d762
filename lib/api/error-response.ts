import { ZodError } from "zod";
import { AppError, isAppError, ERROR_STATUS } from "@/lib/domain/errors";
import { errorMessage } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";
import { isDataException, isUniqueViolation } from "./database-error";

// The one JSON error shape of the API, with the message in the caller's language. Anything
// that is not an AppError or a validation error is an internal error: logged with its request
// id, never shown (no stack traces leave the server).

export interface ErrorPayload {
  error: { code: string; message: string; details?: Record<string, unknown>; requestId: string };
}

export function errorPayload(error: unknown, requestId: string, locale: Locale): { status: number; body: ErrorPayload } {
  if (error instanceof ZodError) {
    return {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: errorMessage(locale, "validation_failed"),
          details: { issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message })) },
          requestId,
        },
      },
    };
  }
  if (isAppError(error)) {
    const e = error as AppError;
    return {
      status: ERROR_STATUS[e.code] ?? 500,
      body: { error: { code: e.code, message: errorMessage(locale, e.code), details: e.details, requestId } },
    };
  }
  // Database refusals that are the caller's doing, mapped here once for every service: a race
  // lost on a unique name is a conflict to retry (the retry then meets the service's own
  // "already exists"); a value the database cannot take is bad input that a schema let through
  // (logged, so the schema gets fixed).
  if (isUniqueViolation(error)) {
    return { status: 409, body: { error: { code: "conflict", message: errorMessage(locale, "conflict"), requestId } } };
  }
  if (isDataException(error)) {
    console.warn(`[${requestId}] database refused a value that validation let through`, error);
    return { status: 400, body: { error: { code: "bad_request", message: errorMessage(locale, "bad_request"), requestId } } };
  }
  console.error(`[${requestId}] unhandled error`, error);
  return { status: 500, body: { error: { code: "internal", message: errorMessage(locale, "internal"), requestId } } };
}
