#!/usr/bin/env bash
# The page tests drive Debian's Chromium headless (no browser download works offline): installs it when it is missing
# and this machine can, and says what to do when it cannot.
set -euo pipefail
[ -n "${CHROMIUM_PATH:-}" ] && exit 0
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the page tests ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
  echo "The page tests need Chromium: install Debian's chromium package, or set CHROMIUM_PATH to a Chromium build." >&2
fi
