#!/usr/bin/env bash
# Prints the path of a Chromium for Playwright, installing Debian's package when none is found
# (Playwright's own browser download cannot work on these machines).
set -euo pipefail
if [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ] && [ -x "$PLAYWRIGHT_CHROMIUM_PATH" ]; then echo "$PLAYWRIGHT_CHROMIUM_PATH"; exit 0; fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
bash "$(dirname "$0")/ensure-program.sh" chromium chromium
