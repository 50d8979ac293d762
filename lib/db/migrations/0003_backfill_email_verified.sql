-- Accounts that existed before e-mail proof was required (issue 14) keep working: they are
-- taken as proven at their creation. Without this every existing person would be locked out at
-- upgrade. Residual risk, stated in docs/security.md: an account pre-hijacked before the
-- upgrade stays proven; the operator can review member.join entries of invitation-made accounts.
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;
