// Starts the sign-in at an org's identity provider. next-auth/react's signIn() first checks the
// provider against /api/auth/providers, which lists only the static providers (org providers
// are loaded per request from the database), so the Auth.js sign-in request is made here
// directly: the CSRF token, then the POST that answers with the provider's authorization URL.

export async function startProviderSignIn(providerId: string, callbackUrl: string, loginHint?: string): Promise<void> {
  const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  const query = loginHint ? `?${new URLSearchParams({ login_hint: loginHint })}` : "";
  const response = await fetch(`/api/auth/signin/${encodeURIComponent(providerId)}${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl }),
  });
  const { url } = (await response.json()) as { url?: string };
  window.location.href = url ?? "/sign-in?error=sso";
}
