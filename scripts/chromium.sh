#!/usr/bin/env bash
# Installs Debian's Chromium (and a font for the zh-CN pages) for the browser tests if missing.
# playwright cannot download browsers here, so the tests drive this binary; safe to run again.
set -euo pipefail

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
packages=()
[ -x "$chromium" ] || packages+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  packages+=(fonts-wqy-microhei)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/chromium.sh: the browser tests need ${packages[*]}, and installing them needs root." >&2
  echo "Run: sudo apt-get install -y ${packages[*]}  (or set CHROMIUM_PATH to a Chromium binary)" >&2
  exit 1
fi
echo "== installing ${packages[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
