#!/usr/bin/env bash
# Makes sure redis-server exists for the cluster-mode tests: REDIS_SERVER_PATH, /usr/bin/redis-server, or Debian's package.
set -euo pipefail
if [[ -n "${REDIS_SERVER_PATH:-}" && -x "${REDIS_SERVER_PATH}" ]]; then exit 0; fi
if [[ -x /usr/bin/redis-server ]]; then exit 0; fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  echo "No redis-server found: installing Debian's redis-server package for the cluster-mode tests."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends redis-server >/dev/null
  exit 0
fi
echo "No redis-server found: install it (sudo apt-get install redis-server) or set REDIS_SERVER_PATH to its binary." >&2
exit 1
