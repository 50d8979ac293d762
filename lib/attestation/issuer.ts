// The `iss` of every statement. Set HINOKI_ATTESTATION_ISSUER to the console's public origin
// (e.g. https://console.example.jp) so a relying party can find `${iss}/.well-known/jwks.json`.
// The default is a stable URN rather than a guessed URL: a statement is kept forever, and a
// localhost address baked into it would be worse than a name that promises nothing.

export const DEFAULT_ATTESTATION_ISSUER = "urn:hinoki:console";

export function attestationIssuer(env: Record<string, string | undefined> = process.env): string {
  return env.HINOKI_ATTESTATION_ISSUER?.trim() || DEFAULT_ATTESTATION_ISSUER;
}
