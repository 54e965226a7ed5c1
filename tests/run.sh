#!/usr/bin/env bash
# The whole test suite. Installs what the tests need first (idempotent: quick when present),
# then runs every test. Extra arguments go to the test runner (a name filter, say).
set -euo pipefail
cd "$(dirname "$0")/.."
for setup in tests/tools/setup*.sh; do
  [ -f "$setup" ] && bash "$setup"
done
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast "$@"
else
  cargo test --workspace --no-fail-fast "$@"
fi
