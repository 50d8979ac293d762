import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { clientAddressOf } from "./client-address";
import { redirectAfterAuth } from "./redirect-after-auth";
import { signInWithOidc } from "./sign-in";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, signInWithPassword } from "./sign-in-password";
import { ssoConfig } from "./sso-config";

// next-auth (Auth.js v5): e-mail + password, and OpenID Connect single sign-on when configured.
// Sessions are signed JWT cookies that carry only our user id; everything else (roles,
// memberships) is read fresh from the database on every request, so a removed member loses
// access at once rather than when the cookie expires.

export const SESSION_MAX_AGE_SECONDS = Number(process.env.HINOKI_SESSION_MAX_AGE ?? 8 * 60 * 60);

/** Too many failures from this client for this account: the code carries the wait in seconds for the sign-in page. */
class ThrottledError extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled_${retryAfterSeconds}`;
  }
}

/** Set by the console's own server, never taken from the client (lib/auth/client-address.ts). */
function clientIp(request: Request | undefined): string | null {
  return clientAddressOf(request?.headers);
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      id: "password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password || email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) return null;
        const result = await signInWithPassword(await getDb(), email, password, clientIp(request));
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledError(result.retryAfterSeconds);
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ];
  const sso = ssoConfig();
  if (sso) {
    list.push({
      id: "sso",
      name: sso.name,
      type: "oidc",
      issuer: sso.issuer,
      clientId: sso.clientId,
      clientSecret: sso.clientSecret,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  return list;
}

export const authConfig: NextAuthConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  callbacks: {
    // After the SSO round trip and sign-out: only a path on this console, never another host.
    redirect: redirectAfterAuth,
    async signIn({ account, profile }) {
      if (account?.provider !== "sso") return true;
      const result = await signInWithOidc(
        await getDb(),
        {
          sub: String(profile?.sub ?? account.providerAccountId),
          email: typeof profile?.email === "string" ? profile.email : null,
          emailVerified: typeof profile?.email_verified === "boolean" ? profile.email_verified : null,
          name: typeof profile?.name === "string" ? profile.name : null,
        },
        null,
      );
      if (!result.ok) return "/sign-in?error=sso";
      // Hand our own user id to the jwt callback through the account object.
      (account as Record<string, unknown>).hinokiUserId = result.user.id;
      return true;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === "sso" && typeof account.hinokiUserId === "string") token.uid = account.hinokiUserId;
      else if (user?.id) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
