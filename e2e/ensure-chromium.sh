#!/usr/bin/env bash
# Makes sure a Chromium for the browser journeys exists: CHROME_PATH, /usr/bin/chromium, or Debian's package.
set -euo pipefail
if [[ -n "${CHROME_PATH:-}" && -x "${CHROME_PATH}" ]]; then exit 0; fi
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  echo "No Chromium found: installing Debian's chromium package for the browser tests."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "No Chromium found: install one (sudo apt-get install chromium) or set CHROME_PATH to its binary." >&2
exit 1
