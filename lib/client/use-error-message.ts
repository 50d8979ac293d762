import { useTranslations } from "next-intl";
import { ApiError } from "./api-fetch";

/** The reader's-language message for an API error, with the request id when there is one. */
export function useErrorMessage(): (error: unknown) => string {
  const te = useTranslations("errors");
  const tc = useTranslations("common");
  return (error) => {
    const code = error instanceof ApiError ? error.code : "internal";
    const message = te.has(code as "internal") ? te(code as "internal") : te("internal");
    return error instanceof ApiError && error.requestId ? tc("errorWithRequestId", { message, requestId: error.requestId }) : message;
  };
}
