import { useMutation } from "@tanstack/react-query";
import type { SignInDiscovery } from "@/lib/domain/sso";
import { apiFetch } from "../api-fetch";

/** Home-realm discovery: password, or the org's identity provider. */
export function useSignInDiscovery() {
  return useMutation({ mutationFn: (email: string) => apiFetch<SignInDiscovery>("/api/v1/sign-in/discovery", { method: "POST", body: { email } }) });
}
