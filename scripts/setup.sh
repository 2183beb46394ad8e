#!/usr/bin/env bash
# Installs what Toban needs beyond Swift and Python: GLPK's headers and library.
# Idempotent and quiet when everything is already present.
set -euo pipefail

if [ -f /usr/include/glpk.h ] && ls /usr/lib/*/libglpk.so >/dev/null 2>&1; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "toban setup: installing libglpk-dev" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq libglpk-dev >/dev/null 2>&1; then
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq libglpk-dev >/dev/null
fi
test -f /usr/include/glpk.h || { echo "toban setup: glpk.h still missing after install" >&2; exit 1; }
