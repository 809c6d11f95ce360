#!/usr/bin/env bash
# Installs the system programs the test suite drives for real: Debian's chromium (browser tests,
# through Playwright with executable_path) and virtuoso-opensource (triple-store push tests).
# Idempotent and quiet when everything is present; needs root (as on CI) or sudo for apt-get.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
[ ${#need[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup_system: need root or sudo to install: ${need[*]}" >&2; exit 1
  fi
fi
echo "setup_system: installing ${need[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
