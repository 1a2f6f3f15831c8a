#!/usr/bin/env bash
# Tipline's one Test command: installs what the tests need from Debian when it is missing (headless
# Chromium and its driver, for the browser tests; poppler-utils, whose pdfsig checks the signature on
# certificates of recognition independently), then runs ./mvnw verify with any extra arguments.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v pdfsig >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian for the tests: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

exec ./mvnw verify "$@"
