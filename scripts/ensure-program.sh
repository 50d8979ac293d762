#!/usr/bin/env bash
# Makes sure a program the tests call is installed, installing its Debian package when it is not:
# a fresh machine has none of what a developer installed by hand.
#   bash scripts/ensure-program.sh PROGRAM DEBIAN_PACKAGE
# Prints the program's path.
set -euo pipefail
program="$1"
package="$2"
if found="$(command -v "$program" 2>/dev/null)"; then echo "$found"; exit 0; fi
echo "$program not found: installing Debian's $package…" >&2
if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "$package" >&2
command -v "$program" || { echo "installing $package did not provide $program" >&2; exit 1; }
