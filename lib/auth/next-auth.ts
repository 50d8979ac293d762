import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { authLogger } from "./auth-logger";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/client";
import { ORG_PROVIDER_ID_PATTERN } from "@/lib/domain/sso";
import { clientAddressOf } from "./client-address";
import { redirectAfterAuth } from "./redirect-after-auth";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, signInWithPassword } from "./sign-in-password";
import { signInWithOidc, type OidcProviderContext } from "./sign-in-oidc";
import { loadOrgProviderForSignIn, orgProviderForEmail, type OrgProviderForSignIn } from "./org-identity-providers";
import { completeLinkWithPassword, SSO_LINK_COOKIE } from "./sso-link";
import { ssoConfig } from "./sso-config";
import { amrAtSignIn, amrOf } from "./session-amr";
import { SESSION_MAX_AGE_SECONDS } from "./session-max-age";
import { forgetSessions } from "./session-principal-cache";

// next-auth (Auth.js v5): e-mail + password, the platform's own staff IdP (HINOKI_OIDC_*), and
// each org's own OpenID Connect provider. Sessions are signed JWT cookies that carry only our
// user id (plus how the person signed in, `amr`/`idp`); everything else (roles, memberships)
// is read from the database (cached for a few seconds per session and forgotten on every role
// change, removal and sign-out: lib/auth/session-principal.ts), so a removed member loses access
// at once rather than when the cookie expires. Pages and API calls read the cookie there, with
// Auth.js's own JWT functions; Auth.js itself handles sign-in, sign-out and the SSO round trip.
//
// Org providers live in the database, so the config is computed per request
// (`NextAuth(async (request) => config)`, supported by 5.0.0-beta.32): only a request to
// /api/auth/{signin,callback}/<idp id> loads that one provider (its client secret opened with
// the KEK) — every other request to Auth.js builds the
// static part only, without a database read. One Auth.js provider per org provider (rather than
// one provider re-pointed per request) gives each its own callback URL, so a response can only
// ever be checked against the issuer it was started for (no IdP mix-up), and the callback URL
// an org registers at its IdP names its provider.


/** Too many failures from this client for this account: the code carries the wait in seconds for the sign-in page. */
class ThrottledError extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled_${retryAfterSeconds}`;
  }
}
/** The second step of a password sign-in: the form asks for the code, or says why it failed. */
class SecondFactorError extends CredentialsSignin {
  constructor(reason: string) {
    super(reason);
    this.code = reason;
  }
}
class SsoRequiredError extends CredentialsSignin {
  code = "sso_required";
}
class LinkExpiredError extends CredentialsSignin {
  code = "link_expired";
}

/** Set by the console's own server, never taken from the client (lib/auth/client-address.ts). */
function clientIp(request: Request | undefined): string | null {
  return clientAddressOf(request?.headers);
}

const ORG_PROVIDER_PATH = /^\/api\/auth\/(?:signin|callback)\/([^/]+)$/;

function orgProviderIdIn(request: Request | undefined): string | null {
  if (!request) return null;
  const id = ORG_PROVIDER_PATH.exec(new URL(request.url).pathname)?.[1];
  return id && ORG_PROVIDER_ID_PATTERN.test(id) ? id : null;
}

function oidcProvider(id: string, name: string, issuer: string, clientId: string, clientSecret: string): NextAuthConfig["providers"][number] {
  return {
    id,
    name,
    type: "oidc",
    issuer,
    clientId,
    clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
  };
}

/** The TOTP or recovery code of a sign-in's second step, when the form sent one. */
function secondFactorCodeOf(credentials: Partial<Record<string, unknown>> | undefined): string | undefined {
  const code = credentials?.totp;
  return typeof code === "string" && code.length > 0 && code.length <= 64 ? code : undefined;
}

const passwordProvider = Credentials({
  id: "password",
  credentials: { email: { type: "email" }, password: { type: "password" }, totp: { type: "text" } },
  async authorize(credentials, request) {
    const email = typeof credentials?.email === "string" ? credentials.email : "";
    const password = typeof credentials?.password === "string" ? credentials.password : "";
    if (!email || !password || email.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) return null;
    const db = await getDb();
    // People of a domain bound to their org's provider sign in there only (home-realm discovery
    // sends them; this refuses a password posted directly).
    if (await orgProviderForEmail(db, email.trim().toLowerCase())) throw new SsoRequiredError();
    const result = await signInWithPassword(db, email, password, clientIp(request), new Date(), secondFactorCodeOf(credentials));
    if (!result.ok) {
      if (result.reason === "throttled") throw new ThrottledError(result.retryAfterSeconds);
      if (result.reason.startsWith("mfa_")) throw new SecondFactorError(result.reason);
      return null;
    }
    return { id: result.user.id, email: result.user.email, name: result.user.name, amr: result.amr } as { id: string; email: string; name: string };
  },
});

/**
 * The second half of linking an SSO identity to an existing account: the password of the account
 * the link request names — and its second factor when it has one — proven in the browser that
 * holds the request's cookie.
 */
const linkProvider = Credentials({
  id: "sso-link",
  credentials: { password: { type: "password" }, totp: { type: "text" } },
  async authorize(credentials, request) {
    const password = typeof credentials?.password === "string" ? credentials.password : "";
    if (!password || password.length > MAX_PASSWORD_LENGTH) return null;
    const jar = await cookies();
    const result = await completeLinkWithPassword(await getDb(), jar.get(SSO_LINK_COOKIE)?.value, password, clientIp(request), secondFactorCodeOf(credentials));
    if (!result.ok) {
      if (result.reason === "throttled") throw new ThrottledError(result.retryAfterSeconds);
      if (result.reason.startsWith("mfa_")) throw new SecondFactorError(result.reason);
      if (result.reason === "invalid") return null;
      jar.delete(SSO_LINK_COOKIE);
      throw new LinkExpiredError();
    }
    jar.delete(SSO_LINK_COOKIE);
    return { id: result.user.id, email: result.user.email, name: result.user.name, linkedIssuer: result.issuer, amr: result.amr } as { id: string; email: string; name: string };
  },
});

async function configFor(request: Request | undefined): Promise<NextAuthConfig> {
  const staffIdp = ssoConfig();
  const providers: NextAuthConfig["providers"] = [passwordProvider, linkProvider];
  if (staffIdp) providers.push(oidcProvider("sso", staffIdp.name, staffIdp.issuer, staffIdp.clientId, staffIdp.clientSecret));
  const orgProviderId = orgProviderIdIn(request);
  let orgIdp: OrgProviderForSignIn | null = null;
  if (orgProviderId) {
    orgIdp = await loadOrgProviderForSignIn(await getDb(), orgProviderId);
    if (orgIdp) providers.push(oidcProvider(orgIdp.id, orgIdp.name, orgIdp.issuer, orgIdp.clientId, orgIdp.clientSecret));
  }

  const contextOf = (providerId: string): OidcProviderContext | null => {
    if (providerId === "sso" && staffIdp) return { kind: "staff", providerId, issuer: staffIdp.issuer };
    if (orgIdp && providerId === orgIdp.id) {
      return { kind: "org", providerId, issuer: orgIdp.issuer, orgId: orgIdp.orgId, domains: orgIdp.domains, jitRole: orgIdp.jitRole };
    }
    return null;
  };

  return {
    trustHost: true,
    logger: authLogger,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    events: {
      // The session's cached principal goes with it (lib/auth/session-principal-cache.ts).
      signOut(message) {
        const uid = "token" in message ? message.token?.uid : undefined;
        if (typeof uid === "string") forgetSessions(uid);
      },
    },
    callbacks: {
      // After the SSO round trip and sign-out: only a path on this console, never another host.
      redirect: redirectAfterAuth,
      async signIn({ account, profile }) {
        if (account?.type !== "oidc") return true;
        const provider = contextOf(account.provider);
        if (!provider) return "/sign-in?error=sso";
        const result = await signInWithOidc(
          await getDb(),
          provider,
          {
            sub: String(profile?.sub ?? account.providerAccountId),
            email: typeof profile?.email === "string" ? profile.email : null,
            emailVerified: profile?.email_verified,
            name: typeof profile?.name === "string" ? profile.name : null,
          },
          clientIp(request),
        );
        if (result.outcome === "refused") return `/sign-in?error=sso_${result.reason}`;
        if (result.outcome === "link_required") {
          // Only this browser can finish the link: the token lives in an httpOnly cookie.
          (await cookies()).set(SSO_LINK_COOKIE, result.linkToken, {
            httpOnly: true,
            sameSite: "lax",
            secure: request ? new URL(request.url).protocol === "https:" : false,
            path: "/",
            expires: result.expiresAt,
          });
          return "/sign-in/link";
        }
        // Hand our own user id and the issuer to the jwt callback through the account object.
        (account as Record<string, unknown>).hinokiUserId = result.user.id;
        (account as Record<string, unknown>).hinokiIssuer = provider.issuer;
        return true;
      },
      async jwt({ token, user, account }) {
        // `amr` (how the person signed in) is written once, when the session is issued — read by
        // the sign-in policy checks; `idp` names the SSO issuer.
        if (account?.type === "oidc" && typeof account.hinokiUserId === "string") {
          token.uid = account.hinokiUserId;
          token.idp = account.hinokiIssuer;
        } else if (user?.id) {
          token.uid = user.id;
          const linkedIssuer = (user as { linkedIssuer?: unknown }).linkedIssuer;
          if (typeof linkedIssuer === "string") token.idp = linkedIssuer;
        }
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
}

export const { handlers, auth, signIn, signOut } = NextAuth(configFor);
