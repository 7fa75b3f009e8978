#!/usr/bin/env bash
# Installs the servers that the integration tests start themselves (redis-server, PostgreSQL, HAProxy) when
# missing. The tests run their own throw-away instances on free loopback ports, so the packages' own services are
# kept from starting here. Without root or apt-get the tests that need a missing server are skipped; in CI that
# is an error.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the integration tests (apt-get)..."
  if [ ! -e /usr/sbin/policy-rc.d ]; then  # Debian's way to say "install, but start no service"
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "WARNING: ${missing[*]} missing and cannot be installed here; the tests that need them will be skipped." >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
