import "server-only";
import { attestationIssuer } from "@/lib/attestation/issuer";
import { OPENSSL_RECIPE_STEPS, opensslRecipeScript } from "@/lib/attestation/openssl-recipe";
import { ATTESTATION_JWKS_PATH } from "@/lib/domain/attestation";
import type { VerificationGuide } from "@/lib/domain/attestation-api";
import { joseRecipeScript } from "./jose-recipe";

/** How to verify offline: the openssl recipe a test runs against real statements, as written. */
export function getVerificationGuide(): VerificationGuide {
  const issuer = attestationIssuer();
  return {
    jwksPath: ATTESTATION_JWKS_PATH,
    issuer,
    opensslSteps: OPENSSL_RECIPE_STEPS.map((s) => ({ titleJa: s.titleJa, titleEn: s.titleEn, script: s.script })),
    opensslScript: opensslRecipeScript(),
    joseScript: joseRecipeScript(issuer),
  };
}
