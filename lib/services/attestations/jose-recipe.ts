// How to verify with a standard JOSE library (Node.js and `jose`), for the verify page. An ES
// module run beside attestation.jws and jwks.json; a test runs this exact text against a
// statement we issued. Pinned to ES256 and typ eat+jwt: never taken from the token.

export function joseRecipeScript(issuer: string): string {
  return [
    "// npm install jose   — then: node verify-attestation.mjs",
    'import { readFileSync } from "node:fs";',
    'import { compactVerify, createLocalJWKSet } from "jose";',
    "",
    'const jwks = createLocalJWKSet(JSON.parse(readFileSync("jwks.json", "utf8")));',
    'const jws = readFileSync("attestation.jws", "utf8").trim();',
    "",
    "// Pin the algorithm yourself; a token naming another one is refused before any key is used.",
    'const { payload, protectedHeader } = await compactVerify(jws, jwks, { algorithms: ["ES256"] });',
    'if (protectedHeader.typ !== "eat+jwt") throw new Error("not a residency attestation");',
    "const claims = JSON.parse(new TextDecoder().decode(payload));",
    `if (claims.iss !== ${JSON.stringify(issuer)}) throw new Error("unexpected issuer: " + claims.iss);`,
    'if (claims.exp * 1000 <= Date.now()) console.log("EXPIRED (still genuine, but no longer current)");',
    'console.log("Verified OK", claims.appraisal.status, claims.residency.facility.id, claims.sub);',
  ].join("\n") + "\n";
}
