// Constants of the residency attestation format, in a module without zod so that the
// browser-side verifier can import them without pulling a schema library into the page.

/** The profile that tells a relying party how to read these claims. */
export const ATTESTATION_EAT_PROFILE = "urn:hinoki:eat-profile:residency:v1";
/** Header `typ` of every statement (RFC 9711 media type application/eat+jwt). */
export const ATTESTATION_JWS_TYPE = "eat+jwt";
/** The only algorithm we sign with and the only one a verifier should accept. */
export const ATTESTATION_ALG = "ES256";
/** Statements are renewed at least daily; this is how long one stays valid. */
export const ATTESTATION_DEFAULT_TTL_SECONDS = 24 * 60 * 60;
/** Where the console publishes its attestation keys, relative to its origin. */
export const ATTESTATION_JWKS_PATH = "/.well-known/jwks.json";
