#!/usr/bin/env bash
# `npm test`: everything CI proves. Lint (with the layering rules), types, unit and service
# tests on embedded PGlite, the database-touching tests again on a real PostgreSQL server that
# this script starts itself, then the Playwright journeys in Chromium, then three built console
# instances started at once on one PostgreSQL (lib/server/*.fleet.test.ts), the `hinoki` CLI and MCP
# server against the built console (lib/**/*.built.test.ts), then the crash test of
# Idempotency-Key retries against the built server on both engines.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$*"; }
started=$(date +%s)

step "programs the tests call (installed when missing)"
# pdftotext reads the invoice and certificate PDFs as an accountant's tools would; kubectl reads
# the kubeconfigs; openssl verifies the attestations. Chromium and PostgreSQL are found or
# installed by the steps that use them.
bash scripts/ensure-program.sh pdftotext poppler-utils
bash scripts/ensure-program.sh kubectl kubernetes-client
bash scripts/ensure-program.sh openssl openssl

step "lint (eslint, layering)"
npx eslint . --max-warnings=0
step "types (tsc)"
npx tsc --noEmit -p .
step "unit and service tests on PGlite"
npx vitest run
step "the database-touching tests again on PostgreSQL"
HINOKI_DATABASE_TESTS_ONLY=1 bash scripts/with-postgres.sh npx vitest run
step "end-to-end journeys (Playwright, Chromium)"
# The types step above checked this tree: the journeys' `next build` does not check it again.
HINOKI_TYPES_CHECKED=1 bash scripts/test-e2e.sh
step "three console instances on one PostgreSQL (the journeys' build)"
HINOKI_FLEET_TEST=1 bash scripts/with-postgres.sh npx vitest run
step "the hinoki CLI and its MCP server as subprocesses against the journeys' build"
HINOKI_BUILT_TEST=1 npx vitest run

# Uses the build the journeys just made (dist/server.mjs): the real server, killed with SIGKILL.
step "crash-safe Idempotency-Key: SIGKILL during a burst of launches, on PGlite"
node scripts/run-ts.mjs scripts/crash/launch-crash-test.ts
step "crash-safe Idempotency-Key: the same on PostgreSQL"
bash scripts/with-postgres.sh node scripts/run-ts.mjs scripts/crash/launch-crash-test.ts
printf '\nAll tests passed in %ss\n' "$(( $(date +%s) - started ))"
