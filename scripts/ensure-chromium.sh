#!/usr/bin/env bash
# Make sure a Chromium exists for the browser tests; Playwright's own browser download is never used.
set -euo pipefail
CHROMIUM="${SECONDOP_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
No Chromium at $CHROMIUM, and this user cannot install one.
Install it (Debian/Ubuntu: sudo apt-get install chromium), or point SECONDOP_CHROMIUM at a
Chromium or Chrome binary. Browser tests are skipped without one (and fail when CI=true).
MSG
