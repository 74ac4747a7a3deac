#!/usr/bin/env bash
# Runs one benchmark from test/bench by name: `pnpm bench core`.
set -euo pipefail

cd "$(dirname "$0")/.."
name=${1:-}
if [ -z "$name" ] || [ ! -f "test/bench/$name.ts" ]; then
  echo "usage: pnpm bench <name>; available:" >&2
  for file in test/bench/*.ts; do echo "  $(basename "$file" .ts)" >&2; done
  exit 2
fi
exec pnpm --filter @guanxi/test exec tsx "bench/$name.ts"
