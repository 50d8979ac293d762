// A real OpenID Connect identity provider for the SSO tests (the `oidc-provider` package), on
// loopback. Any login name is accepted on its development login form; the account's e-mail is
// `<login>` when it contains "@", else `<login>@sso.example`. Claims go into the id_token,
// which is where Auth.js reads the profile from.
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3299);
const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? "http://127.0.0.1:3210/api/auth/callback/sso").split(",");

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? "hinoki-console",
      client_secret: process.env.OIDC_CLIENT_SECRET ?? "hinoki-e2e-secret",
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  conformIdTokenClaims: false,
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["hinoki-e2e-cookie-key"] },
  async findAccount(_ctx, id) {
    const email = id.includes("@") ? id.toLowerCase() : `${id.toLowerCase()}@sso.example`;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email, email_verified: true, name: `SSO ${id.split("@")[0]}` };
      },
    };
  },
});

http.createServer(provider.callback()).listen(port, "127.0.0.1", () => {
  console.log(`OIDC test provider at ${issuer}`);
});
