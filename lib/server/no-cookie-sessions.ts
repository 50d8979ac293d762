// Stands in for lib/auth/next-auth.ts inside the custom server's bundle (see
// scripts/build-server.mjs). Auth.js's request pipeline (sign-in, sign-out, the SSO round trip)
// runs inside Next only; the server reads session cookies itself (lib/auth/session-principal.ts).
// Reaching this means code in the server's bundle asked Auth.js for a session.
export async function auth(): Promise<never> {
  throw new Error("Auth.js runs inside Next: read sessions with lib/auth/session-principal.ts");
}
