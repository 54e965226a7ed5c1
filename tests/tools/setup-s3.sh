#!/bin/sh
# Installs the S3 test server the storage tests start on 127.0.0.1: s3s-fs 0.14.1 from crates.io
# (later versions need a newer Rust than 1.95). Installed once into a cache folder outside the
# repository, $OTADROP_TOOLS (default ~/.cache/otadrop-tools), as bin/s3s-fs; idempotent: returns at
# once when the right version is in place. The tests look for it there (or on PATH).
set -eu
root="${OTADROP_TOOLS:-$HOME/.cache/otadrop-tools}"
bin="$root/bin/s3s-fs"
version=0.14.1
if [ -x "$bin" ] && [ "$(cat "$root/s3s-fs.version" 2>/dev/null)" = "$version" ]; then
    exit 0
fi
echo "setup-s3: cargo install s3s-fs $version into $root (takes a few minutes)"
cargo install --locked --quiet s3s-fs --version "$version" --features binary --root "$root"
echo "$version" >"$root/s3s-fs.version"
echo "setup-s3: installed $bin"
