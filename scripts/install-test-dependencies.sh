#!/usr/bin/env bash
# What `npm test` needs beyond npm packages, installed when missing (idempotent, quick when all is
# there): PostgreSQL 15 server binaries, pgvector and Citus built into them from the vendored
# sources beside the checkout (../shared/vendor), and Debian's Chromium for the inspector's
# browser tests. Runs as root, or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
PG_LIB=/usr/lib/postgresql/15/lib

missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f "$PG_LIB/vector.so" ] || [ ! -f "$PG_LIB/citus.so" ]; then
  installer=../shared/vendor/install-pg-extensions.sh
  if [ ! -f "$installer" ]; then
    echo "pgvector and Citus are missing and $installer is not beside this checkout" >&2
    exit 1
  fi
  bash "$installer"
fi
