import "server-only";
import { getDb } from "@/lib/db/client";
import { ensureActiveKey, publicJwks, type PublicSigningJwk } from "@/lib/attestation/keys";

/**
 * The published attestation keys: the active one first, then every retired one (a statement
 * must verify years after its key was rotated out). Public: no principal.
 */
export async function getJwks(): Promise<{ keys: PublicSigningJwk[] }> {
  const db = await getDb();
  const jwks = await publicJwks(db);
  if (jwks.keys.length > 0) return jwks;
  // Never publish an empty set: the key that will sign the first statement is known now.
  await ensureActiveKey(db);
  return publicJwks(db);
}
