import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-fetch";
import { rememberFailedRequest } from "./help/last-request-id";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    // The last failed request's id, for the help menu's support contact.
    queryCache: new QueryCache({ onError: rememberFailedRequest }),
    mutationCache: new MutationCache({ onError: rememberFailedRequest }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        // Retrying a 4xx repeats a mistake; retry only what might pass next time.
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}
