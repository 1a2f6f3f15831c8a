#!/usr/bin/env bash
# Tipline's one Test command: installs what the tests need from Debian when it is missing (headless
# Chromium and its driver, for the browser tests), then runs ./mvnw verify with any extra arguments.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing Debian's chromium and chromium-driver for the browser tests"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi

exec ./mvnw verify "$@"
