#!/bin/sh
# Installs everything the page and browser tests need, idempotently, and returns quickly when
# all of it is already there:
#   - Debian packages: chromium (headless browser), zbar-tools (zbarimg, QR decoding),
#     fonts-noto-cjk (Chinese, Japanese and Korean pages in the browser screenshots);
#   - npm packages (tests/tools/package-lock.json): amphtml-validator, playwright-core;
#   - the official AMP validator engine (fetch-validator.sh).
# Called by .ci/run; safe to run by hand. Needs root (or sudo) only when an apt package is missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v zbarimg >/dev/null 2>&1 || missing="$missing zbar-tools"
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" ||
    missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    echo "setup: installing apt packages:$missing"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm ci only when node_modules does not match the lock file.
stamp="$here/node_modules/.otadrop-lock.sha256"
lock_sum=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    echo "setup: npm ci in tests/tools"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" >"$stamp"
fi

"$here/fetch-validator.sh"
