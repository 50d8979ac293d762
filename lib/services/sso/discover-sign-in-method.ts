import "server-only";
import { getDb } from "@/lib/db/client";
import { orgProviderForEmail } from "@/lib/auth/org-identity-providers";
import { SignInDiscoveryInput, type SignInDiscovery } from "@/lib/domain/sso";

/**
 * Home-realm discovery: how the sign-in page continues after the e-mail. It answers from the
 * domain alone, so it says nothing about whether an account exists.
 */
export async function discoverSignInMethod(rawInput: SignInDiscoveryInput): Promise<SignInDiscovery> {
  const { email } = SignInDiscoveryInput.parse(rawInput);
  const provider = await orgProviderForEmail(await getDb(), email);
  return provider ? { method: "sso", providerId: provider.id, providerName: provider.name } : { method: "password" };
}
