#!/usr/bin/env bash
# Install Chromium from Debian's packages for the evidence report's browser tests (tests/evidence/).
# Tolerant by design: it never fails the caller. Where Chromium cannot be installed (no root, no apt, no
# network), the browser tests skip with a visible notice and the structural HTML tests still run.
set -u
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "install-chromium: $name already installed ($(command -v "$name"))"
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get on this machine; browser tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "install-chromium: not root and no passwordless sudo; browser tests will be skipped" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -q >/tmp/install-chromium.log 2>&1 \
   && $SUDO apt-get install -y -q --no-install-recommends chromium fonts-liberation fonts-dejavu-core >>/tmp/install-chromium.log 2>&1; then
  echo "install-chromium: installed $(command -v chromium)"
else
  echo "install-chromium: apt-get failed (see /tmp/install-chromium.log); browser tests will be skipped" >&2
fi
exit 0
