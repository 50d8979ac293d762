import { useMutation } from "@tanstack/react-query";
import type { SignInDiscovery } from "@/lib/domain/sso";
import { api, ok } from "../api";

/** Home-realm discovery: password, or the org's identity provider. */
export function useSignInDiscovery() {
  return useMutation({ mutationFn: (email: string) => ok<SignInDiscovery>(api.POST("/api/v1/sign-in/discovery", { body: { email } })) });
}
