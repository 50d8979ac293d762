import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { DbOrTx } from "@/lib/db/client";
import { attestationSigningKeys } from "@/lib/db/schema/attestation";
import { ATTESTATION_ALG } from "@/lib/domain/attestation";
import { AppError } from "@/lib/domain/errors";
import { getKek, type Kek } from "./kek";
import { unwrapPrivateJwk, wrapPrivateJwk } from "./key-wrap";

// ES256 signing keys for attestations. One key is active and signs; rotation retires it and
// creates the next. Retired keys are never deleted and stay in the published JWKS, because a
// statement issued today must verify years from now. Private halves exist only encrypted.

export interface PublicSigningJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: typeof ATTESTATION_ALG;
  use: "sig";
}

export interface SigningKeyInfo {
  kid: string;
  status: "active" | "retired";
  publicJwk: PublicSigningJwk;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface KeyOptions {
  /** Defaults to the process KEK (HINOKI_ATTESTATION_KEK or the development key). */
  kek?: Kek;
  now?: Date;
}

type KeyRow = typeof attestationSigningKeys.$inferSelect;

function publicJwkOf(row: Pick<KeyRow, "kid" | "publicJwk">): PublicSigningJwk {
  const { kty, crv, x, y } = row.publicJwk;
  return { kty, crv, x, y, kid: row.kid, alg: ATTESTATION_ALG, use: "sig" };
}

function info(row: KeyRow): SigningKeyInfo {
  return { kid: row.kid, status: row.status, publicJwk: publicJwkOf(row), createdAt: row.createdAt, retiredAt: row.retiredAt };
}

async function newKeyRow(kek: Kek, now: Date): Promise<typeof attestationSigningKeys.$inferInsert> {
  const { publicKey, privateKey } = await generateKeyPair(ATTESTATION_ALG, { extractable: true });
  const pub = await exportJWK(publicKey);
  const priv = await exportJWK(privateKey);
  // RFC 7638: the thumbprint covers only crv, kty, x, y — stable whatever else the JWK carries.
  const kid = await calculateJwkThumbprint(pub, "sha256");
  return {
    kid,
    publicJwk: { kty: "EC", crv: "P-256", x: pub.x!, y: pub.y! },
    encryptedPrivateKey: wrapPrivateJwk(kek, kid, priv),
    kekId: kek.id,
    status: "active",
    createdAt: now,
  };
}

async function findActive(db: DbOrTx): Promise<KeyRow | undefined> {
  const [row] = await db.select().from(attestationSigningKeys).where(eq(attestationSigningKeys.status, "active")).limit(1);
  return row;
}

async function ensureActiveRow(db: DbOrTx, options: KeyOptions): Promise<KeyRow> {
  const existing = await findActive(db);
  if (existing) return existing;
  const row = await newKeyRow(options.kek ?? getKek(), options.now ?? new Date());
  // The partial unique index allows one active key: a loser of the race inserts nothing.
  await db.insert(attestationSigningKeys).values(row).onConflictDoNothing();
  const active = await findActive(db);
  if (!active) throw new Error("attestation: no active signing key after creating one");
  return active;
}

/** The active signing key, created on first use. Safe when several instances race to create it. */
export async function ensureActiveKey(db: DbOrTx, options: KeyOptions = {}): Promise<SigningKeyInfo> {
  return info(await ensureActiveRow(db, options));
}

export interface RotationResult {
  retired: SigningKeyInfo | null;
  active: SigningKeyInfo;
}

/**
 * Retire the active key and make a new one active; statements from now on carry the new kid.
 * Pass a transaction to record the rotation's audit entry atomically with it.
 */
export async function rotateKey(db: DbOrTx, options: KeyOptions = {}): Promise<RotationResult> {
  const now = options.now ?? new Date();
  const row = await newKeyRow(options.kek ?? getKek(), now);
  try {
    return await db.transaction(async (tx) => {
      const retired = await tx
        .update(attestationSigningKeys)
        .set({ status: "retired", retiredAt: now })
        .where(eq(attestationSigningKeys.status, "active"))
        .returning();
      const [inserted] = await tx.insert(attestationSigningKeys).values(row).returning();
      return { retired: retired[0] ? info(retired[0]) : null, active: info(inserted) };
    });
  } catch (error) {
    // Two rotations at once on PostgreSQL: the second finds the first's new key active and
    // trips the one-active index. Say so instead of surfacing a constraint name.
    if (isUniqueViolation(error)) throw new AppError("conflict", "another key rotation finished at the same time; try again");
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** Every key ever used, for /.well-known/jwks.json: the active one first, then retired, newest first. */
export async function publicJwks(db: DbOrTx): Promise<{ keys: PublicSigningJwk[] }> {
  const rows = await db
    .select({ kid: attestationSigningKeys.kid, publicJwk: attestationSigningKeys.publicJwk })
    .from(attestationSigningKeys)
    .orderBy(sql`case when ${attestationSigningKeys.status} = 'active' then 0 else 1 end`, desc(attestationSigningKeys.createdAt));
  return { keys: rows.map(publicJwkOf) };
}

export async function listSigningKeys(db: DbOrTx): Promise<SigningKeyInfo[]> {
  const rows = await db.select().from(attestationSigningKeys).orderBy(desc(attestationSigningKeys.createdAt));
  return rows.map(info);
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

// Unwrapped keys are cached per (KEK, kid): unwrapping is cheap but issuing runs daily per
// resource, and a CryptoKey imported as non-extractable cannot leak its bytes from the cache.
const unwrapped = new Map<string, Promise<CryptoKey>>();

/** The active key, decrypted for signing. Only the issuer calls this. */
export async function activeSigningKey(db: DbOrTx, options: KeyOptions = {}): Promise<SigningKey> {
  const kek = options.kek ?? getKek();
  const row = await ensureActiveRow(db, { ...options, kek });
  const cacheKey = `${kek.id}:${row.kid}`;
  let key = unwrapped.get(cacheKey);
  if (!key) {
    const jwk: JWK = unwrapPrivateJwk(kek, row.kid, row.encryptedPrivateKey, row.kekId);
    key = importJWK(jwk, ATTESTATION_ALG, { extractable: false }) as Promise<CryptoKey>;
    unwrapped.set(cacheKey, key);
    key.catch(() => unwrapped.delete(cacheKey));
  }
  return { kid: row.kid, privateKey: await key };
}
