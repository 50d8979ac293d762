// Stands in for lib/auth/next-auth.ts inside the custom server's bundle (see
// scripts/build-server.mjs). The server dispatches only bearer-token API calls itself; cookie
// sessions are Auth.js's, inside Next. Reaching this means a cookie request took the wrong path.
export async function auth(): Promise<never> {
  throw new Error("cookie sessions are resolved by Next: the API edge serves bearer tokens only");
}
