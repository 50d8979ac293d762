import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { AttestationClaims } from "@/lib/domain/attestation";
import { orgs } from "./foundation";

// Residency attestations and the keys that sign them. Nothing here is ever deleted: a statement
// issued today must still be found and verified years from now, so retired keys stay too.

export const attestationSigningKeys = pgTable(
  "attestation_signing_keys",
  {
    /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
    kid: text("kid").primaryKey(),
    publicJwk: jsonb("public_jwk").$type<{ kty: "EC"; crv: "P-256"; x: string; y: string }>().notNull(),
    /** The private JWK, AES-256-GCM encrypted under the key-encryption key; never plaintext. */
    encryptedPrivateKey: text("encrypted_private_key").notNull(),
    /** Which key-encryption key wrapped it (a fingerprint, not the key), to fail clearly on a mismatch. */
    kekId: text("kek_id").notNull(),
    status: text("status").$type<"active" | "retired">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    retiredAt: timestamp("retired_at", { withTimezone: true, mode: "date" }),
  },
  // At most one active key, enforced by the database so that two instances starting at once
  // cannot both create one.
  (t) => [uniqueIndex("attestation_signing_keys_one_active").on(t.status).where(sql`status = 'active'`)],
);

export const attestations = pgTable(
  "attestations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    resourceId: text("resource_id").notNull(),
    resourceKind: text("resource_kind").$type<"cluster" | "endpoint">().notNull(),
    kid: text("kid").notNull().references(() => attestationSigningKeys.kid),
    jws: text("jws").notNull(),
    claims: jsonb("claims").$type<AttestationClaims>().notNull(),
    status: text("status").$type<"affirming" | "warning" | "contraindicated">().notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    nonce: text("nonce"),
    nodeSetDigest: text("node_set_digest").notNull(),
  },
  (t) => [
    index("attestations_org_idx").on(t.orgId, t.id),
    index("attestations_resource_idx").on(t.orgId, t.resourceId, t.issuedAt),
  ],
);
