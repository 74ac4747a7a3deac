#!/usr/bin/env bash
# The whole test suite: the workspace's layering, typecheck, lint and format, then every vitest
# project on SQLite and on a throwaway PostgreSQL cluster (unless GUANXI_TEST_DATABASE_URL names
# a server already).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/chromium.sh

if [ -z "${GUANXI_TEST_DATABASE_URL:-}" ]; then
  pg_dir=$(mktemp -d /tmp/guanxi-pg.XXXXXX)
  pg_port=${GUANXI_TEST_PG_PORT:-54329}
  trap 'bash scripts/postgres.sh stop "$pg_dir/data"; rm -rf "$pg_dir"' EXIT
  GUANXI_TEST_DATABASE_URL=$(bash scripts/postgres.sh start "$pg_dir/data" "$pg_port")
  export GUANXI_TEST_DATABASE_URL
fi

echo '== workspace layering'
node scripts/check-workspace.mjs
echo '== API document and client'
# The document the server serves with every bundled plugin, linted by Redocly's recommended
# rules (redocly.yaml); the client's generated types must be what that document gives.
openapi=$(mktemp /tmp/guanxi-openapi.XXXXXX.json)
pnpm exec tsx scripts/openapi.ts "$openapi"
lint=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  pnpm exec redocly lint --config redocly.yaml --format stylish "$openapi" 2>&1) || {
  echo "$lint"
  exit 1
}
rm -f "$openapi"
echo "$lint" | grep -v '[║╔╚]'
# Redocly fails on errors only; a warning fails here too, unless redocly.yaml explains it away.
if grep -q 'You have [0-9]* warning' <<<"$lint"; then
  echo 'redocly lint: fix each warning, or switch its rule off in redocly.yaml saying why' >&2
  exit 1
fi
pnpm exec tsx scripts/generate-client.ts --check
echo '== typecheck'
pnpm exec tsc -p .
# The extension compiles for the browser (DOM, Preact's JSX), so it has a tsconfig of its own.
pnpm exec tsc -p packages/extension
echo '== lint and format'
pnpm exec biome check .
echo '== tests'
report=$(mktemp /tmp/guanxi-vitest.XXXXXX.json)
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile="$report" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  const files = r.numFailedTestSuites ? `, ${r.numFailedTestSuites} test files failed` : "";
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "") + files);
' "$report" || true
rm -f "$report"
exit "$status"
