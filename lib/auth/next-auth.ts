import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { signInWithOidc, signInWithPassword } from "./sign-in";
import { ssoConfig } from "./sso-config";
import { amrAtSignIn, amrOf } from "./session-amr";

// next-auth (Auth.js v5): e-mail + password, and OpenID Connect single sign-on when configured.
// Sessions are signed JWT cookies that carry only our user id; everything else (roles,
// memberships) is read fresh from the database on every request, so a removed member loses
// access at once rather than when the cookie expires.

export const SESSION_MAX_AGE_SECONDS = Number(process.env.HINOKI_SESSION_MAX_AGE ?? 8 * 60 * 60);

class LockedError extends CredentialsSignin {
  code = "locked";
}

/** The second step of a password sign-in: the form asks for the code, or says why it failed. */
class SecondFactorError extends CredentialsSignin {
  constructor(reason: string) {
    super(reason);
    this.code = reason;
  }
}

function clientIp(request: Request | undefined): string | null {
  return request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      id: "password",
      credentials: { email: { type: "email" }, password: { type: "password" }, totp: { type: "text" } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password || password.length > 1024) return null;
        const totp = typeof credentials?.totp === "string" && credentials.totp.length <= 64 ? credentials.totp : undefined;
        const result = await signInWithPassword(await getDb(), email, password, clientIp(request), new Date(), totp);
        if (!result.ok) {
          if (result.reason === "locked") throw new LockedError();
          if (result.reason.startsWith("mfa_")) throw new SecondFactorError(result.reason);
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name, amr: result.amr ?? ["pwd"] } as { id: string; email: string; name: string };
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
      // Only when the session is issued (account is present then): how the person signed in.
      if (account) token.amr = amrAtSignIn(account, user);
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      (session as { amr?: string[] }).amr = amrOf(token);
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
