#!/usr/bin/env bash
# `npm start`: installs what is missing, migrates, seeds the demo into an empty database,
# then serves the API and prints where to go and which API keys to use.
# HOST, PORT and DATABASE_URL are read as by `guanxi serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

# The browser extension, for Chromium; load it unpacked from $extension_dir (see the README).
extension_dir=packages/extension/.output/chrome-mv3
echo '== building the browser extension' >&2
pnpm --filter @guanxi/extension build >&2

export HOST=${HOST:-127.0.0.1}
export PORT=${PORT:-3000}
keys_file=.data/demo-keys.json
base_url="http://${HOST/0.0.0.0/127.0.0.1}:$PORT"

guanxi() { node packages/server/bin/guanxi.mjs "$@"; }

guanxi migrate
# Keys are shown only once, at creation: the seed keeps the demo's in $keys_file (.data/ is
# gitignored) so a later start can print them again.
guanxi seed --demo --if-empty --keys-file "$keys_file"

print_keys() {
  if [ ! -f "$keys_file" ]; then
    echo "  API keys: none on file; make one with"
    echo "    pnpm guanxi keys create --user EMAIL --name NAME"
    return
  fi
  node -e '
    const keys = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    for (const role of ["admin", "rep"]) {
      const key = keys.find((candidate) => candidate.role === role);
      if (key) console.log(`  ${(role + " key").padEnd(9)} ${key.key}  (${key.team}, ${key.email})`);
    }
  ' "$keys_file"
  echo "  all demo keys: $keys_file"
}

print_banner() {
  echo
  echo "Guanxi is running"
  echo "  API       $base_url/v1"
  echo "  Console   $base_url/admin   (sign in with a key below: the admin's, or the rep's for a rep's view)"
  echo "  Docs      $base_url/v1/docs"
  echo "  Extension $PWD/$extension_dir"
  echo "            load it unpacked in Chromium; in its options, server $base_url and a key below"
  print_keys
  echo "  try: curl -H \"Authorization: Bearer <admin key>\" $base_url/v1/me"
  echo "Stop with Ctrl-C."
  echo
}

is_up() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "$base_url/healthz"
}

# Prints the banner once the server answers; gives up if it exits or takes over a minute.
server_pid=$$
(
  for _ in $(seq 1 120); do
    kill -0 "$server_pid" 2>/dev/null || exit 0
    if is_up; then
      print_banner
      exit 0
    fi
    sleep 0.5
  done
) &

# exec: the server gets Ctrl-C and SIGTERM itself and shuts down gracefully.
exec node packages/server/bin/guanxi.mjs serve
