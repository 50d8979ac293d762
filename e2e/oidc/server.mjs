// Real OpenID Connect identity providers for the SSO tests (the `oidc-provider` package), on
// loopback. Any login name is accepted on the development login form; the account's e-mail is
// `<login>` when it contains "@", else `<login>@sso.example`; a login written
// `unverified:<address>` asserts `email_verified: false`. Claims go into the id_token, which is
// where Auth.js reads the profile from.
//
// One process serves one port. By default it is one provider at the root (the platform's
// staff IdP, HINOKI_OIDC_*). With OIDC_TENANTS=acme,minato it serves one provider per tenant
// under its path (http://127.0.0.1:<port>/acme, …), like a multi-tenant IdP: separate issuers,
// keys, clients (client id `<tenant>-console`, secret `<tenant>-e2e-secret`) and subjects
// (`<tenant>|<login>`), so two orgs each register their own.
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3299);
const origin = `http://127.0.0.1:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? "http://127.0.0.1:3210/api/auth/callback/sso").split(",");
// An org's callback URL names its provider row, which exists only once the owner registered it:
// tenants accept any callback under this prefix (a real IdP gets the exact URL from the owner).
const redirectPrefix = process.env.OIDC_REDIRECT_PREFIX;
const tenants = (process.env.OIDC_TENANTS ?? "").split(",").filter(Boolean);

function claimsOf(login, subject) {
  const unverified = login.startsWith("unverified:");
  const name = unverified ? login.slice("unverified:".length) : login;
  const email = name.includes("@") ? name : `${name.toLowerCase()}@sso.example`;
  return { sub: subject, email, email_verified: !unverified, name: `SSO ${name.split("@")[0]}` };
}

function providerFor(issuer, client, subjectOf) {
  const provider = new Provider(issuer, {
    clients: [{ ...client, grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }],
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["hinoki-e2e-cookie-key"], names: { session: `_session${issuer.length}`, interaction: `_interaction${issuer.length}`, resume: `_resume${issuer.length}` } },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => claimsOf(id, subjectOf(id)) };
    },
  });
  if (redirectPrefix) {
    const allowed = provider.Client.prototype.redirectUriAllowed;
    provider.Client.prototype.redirectUriAllowed = function (value) {
      return value.startsWith(redirectPrefix) || allowed.call(this, value);
    };
  }
  return provider;
}

let handler;
if (tenants.length === 0) {
  const provider = providerFor(
    origin,
    { client_id: process.env.OIDC_CLIENT_ID ?? "hinoki-console", client_secret: process.env.OIDC_CLIENT_SECRET ?? "hinoki-e2e-secret", redirect_uris: redirectUris },
    (login) => login,
  );
  handler = provider.callback();
  console.log(`OIDC test provider at ${origin}`);
} else {
  const mounted = new Map(
    tenants.map((tenant) => [
      tenant,
      providerFor(`${origin}/${tenant}`, { client_id: `${tenant}-console`, client_secret: `${tenant}-e2e-secret`, redirect_uris: redirectUris }, (login) => `${tenant}|${login}`).callback(),
    ]),
  );
  // Mounted the way Express mounts it: the prefix leaves req.url, req.originalUrl keeps it.
  handler = (req, res) => {
    const tenant = req.url.split("/")[1]?.split("?")[0];
    const callback = mounted.get(tenant);
    if (!callback) {
      res.writeHead(404).end();
      return;
    }
    req.originalUrl = req.url;
    req.url = req.url.slice(tenant.length + 1) || "/";
    callback(req, res);
  };
  console.log(`OIDC test providers at ${tenants.map((t) => `${origin}/${t}`).join(", ")}`);
}

http.createServer(handler).listen(port, "127.0.0.1");
