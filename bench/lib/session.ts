// Signs in like the browser does (Auth.js credentials flow) and mints an API token, so the
// benchmark measures authenticated requests exactly as customers make them.

export async function signInCookie(url: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${url}/api/auth/callback/password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: url }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return session.split(";")[0];
}

export async function createApiToken(url: string, cookie: string, org: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/orgs/${org}/api-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: url },
    body: JSON.stringify({ name: `bench-${Date.now()}`, role: "developer", expiresInDays: 1 }),
  });
  if (!response.ok) throw new Error(`token creation failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { secret: string }).secret;
}
