#!/usr/bin/env bash
# The Playwright journeys: builds the console, finds (or installs) Chromium, runs the journeys
# against the production server with a local OpenID Connect provider for SSO.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_CHROMIUM_PATH="$(bash scripts/find-chromium.sh)"
# The cluster journey hands its kubeconfig to kubectl.
bash scripts/ensure-program.sh kubectl kubernetes-client >/dev/null
if [ "${HINOKI_SKIP_BUILD:-}" != "1" ]; then
  npm run build --silent
fi
npx playwright test "$@"
