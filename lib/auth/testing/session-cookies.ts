import { encode } from "next-auth/jwt";
import { sessionSecrets } from "../session-cookie";

// Real Auth.js session cookies for tests (the same encode Auth.js uses when it signs a person in),
// so route tests exercise the console's own session reading instead of a mocked `auth()`.

const TEST_SECRET = "vitest-only-auth-secret-0123456789abcdefghijkl";

/** The secret the console reads; a test run without AUTH_SECRET gets a test-only one. */
export function ensureTestAuthSecret(): string[] {
  process.env.AUTH_SECRET ??= TEST_SECRET;
  return sessionSecrets();
}

export interface MintOptions {
  amr?: string[];
  maxAgeSeconds?: number;
  name?: "authjs.session-token" | "__Secure-authjs.session-token";
}

/**
 * `authjs.session-token=<encrypted JWT>` for a user, as the browser would send it. Issued now
 * (Auth.js stamps iat and exp from the clock: an older session is minted under a set clock).
 */
export async function mintSessionCookie(userId: string, options: MintOptions = {}): Promise<string> {
  const name = options.name ?? "authjs.session-token";
  const value = await encode({
    token: { uid: userId, amr: options.amr ?? ["pwd"], sub: userId },
    secret: ensureTestAuthSecret(),
    salt: name,
    maxAge: options.maxAgeSeconds ?? 8 * 60 * 60,
  });
  return `${name}=${value}`;
}
