-- Issue 14: identities are (issuer, subject) pairs. Subjects stored in the old global
-- users.oidc_subject column all came from the one global provider (HINOKI_OIDC_*); its issuer is
-- configuration, not data, so they are moved under a marker issuer that the staff sign-in
-- rebinds to the configured issuer at the subject's next login (lib/auth/sign-in-oidc.ts,
-- LEGACY_GLOBAL_ISSUER). Idempotent. The column itself stays (unused) until a later release.
INSERT INTO "user_identities" ("id", "user_id", "issuer", "subject", "provider_id", "email", "created_at")
SELECT 'uid_' || upper(substr(md5("id" || ':legacy-oidc'), 1, 26)), "id", 'urn:hinoki:legacy-global-oidc', "oidc_subject", 'legacy', "email", now()
FROM "users"
WHERE "oidc_subject" IS NOT NULL
ON CONFLICT DO NOTHING;
