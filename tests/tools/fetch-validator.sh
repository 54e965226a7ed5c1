#!/bin/sh
# Fetches the official AMP validator engine (validator_wasm.js) for offline use.
#
# amphtml-validator normally downloads its engine from cdn.ampproject.org at every run. The
# npm package next@15.5.29 ships the same official engine (Apache-2.0) at
# dist/compiled/amphtml-validator/validator_wasm.js; this script takes just that file from the
# package tarball and checks its SHA-256. Idempotent: does nothing when the file is in place.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/validator_wasm.js"
want=f1f4629ab36f555f5a9937a5cf00f0ef780bf025883c035d06389b151c896f26

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ -f "$out" ] && [ "$(sha "$out")" = "$want" ]; then
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent next@15.5.29 >/dev/null)
tar -xzf "$tmp"/next-15.5.29.tgz -C "$tmp" package/dist/compiled/amphtml-validator/validator_wasm.js
got=$(sha "$tmp/package/dist/compiled/amphtml-validator/validator_wasm.js")
if [ "$got" != "$want" ]; then
    echo "fetch-validator: validator_wasm.js has sha256 $got, expected $want" >&2
    exit 1
fi
mv "$tmp/package/dist/compiled/amphtml-validator/validator_wasm.js" "$out"
echo "fetch-validator: installed $out"
