#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, runs every test, and ends with one
# line "N passed, N failed". .ci/run calls exactly this script.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Node.js runs the official AWS SDK for JavaScript against the emulators (tests/sdk-compat).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== installing Node.js and npm"
  as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm >/dev/null
fi

# The locked AWS SDK for JavaScript needs Node.js 20 or newer; Debian 12's apt package is 18. Where the node
# on PATH is older, take an official Node.js 20 build from the npm registry (node-linux-<arch>) for this run.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  case "$(uname -m)" in x86_64) node_arch=x64 ;; aarch64) node_arch=arm64 ;; *) node_arch="$(uname -m)" ;; esac
  echo "== Node.js $(node -v 2>/dev/null || echo none) is older than 20: installing node-linux-$node_arch@20 from the npm registry"
  npm install --prefix "$repo/artifacts/node" --no-audit --no-fund --loglevel=error "node-linux-$node_arch@20" \
    || { echo "could not install Node.js 20"; echo "0 passed, 1 failed"; exit 1; }
  export PATH="$repo/artifacts/node/node_modules/node-linux-$node_arch/bin:$PATH"
fi
echo "== Node.js $(node -v)"

# A real redis-server for the shared-state tests; each test run starts its own on a free port.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "== installing redis-server"
  as_root apt-get update -qq && as_root apt-get install -y -qq redis-server >/dev/null
fi

# Debian's Chromium for the chat page's browser tests (Playwright's own browser download is unreachable), and CJK
# fonts so the Japanese screenshots show text instead of boxes.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  echo "== installing chromium and fonts-noto-cjk"
  as_root apt-get update -qq && as_root apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

echo "== installing the official AWS SDK clients for the compatibility tests"
npm ci --prefix tests/sdk-compat --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== installing the JavaScript client's test dependency (ws)"
npm ci --prefix clients/js --no-audit --no-fund --loglevel=error || { echo "npm ci (clients/js) failed"; echo "0 passed, 1 failed"; exit 1; }

results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== building"
if ! dotnet build Orchestrator.sln -c Release --nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The end-to-end tests run alone: each starts whole stacks (emulators, services, redis-server) with timing promises,
# and sharing the two cores with another test project made one or two of them fail intermittently. Everything else
# runs as before, two projects at a time, from a solution filter written here (so a new test project is never left out).
unit_filter="$repo/artifacts/without-end-to-end.slnf"
{
  echo '{ "solution": { "path": "../Orchestrator.sln", "projects": ['
  first=1
  for project in tests/*/*.csproj; do
    case "$project" in tests/MangaAssist.EndToEnd.Tests/*) continue ;; esac
    [ "$first" -eq 1 ] || echo ','
    first=0
    printf '    "%s"' "${project//\//\\\\}"
  done
  echo ' ] } }'
} > "$unit_filter"

run_tests() {
  dotnet test "$1" -c Release --no-build --nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
    -- RunConfiguration.TestSessionTimeout=1500000
}

echo "== testing (all projects but the end-to-end tests)"
run_tests "$unit_filter"
status=$?
echo "== testing the end-to-end tests alone"
run_tests tests/MangaAssist.EndToEnd.Tests/MangaAssist.EndToEnd.Tests.csproj
e2e_status=$?
[ "$status" -ne 0 ] || status=$e2e_status

# Totals come from the TRX files (one per test project), not from dotnet test's own summary.
passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  to=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${to:-0} + ${a:-0}))
done

# The JavaScript client library and the chat page: node's own test runner; the TAP file gives the counts and the
# names of failures, the spec reporter writes the readable log.
echo "== testing the JavaScript client and the chat page"
node_tap="$results/node-clients.tap"
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$node_tap" \
  clients/js/test/*.test.js clients/web/test/*.test.js
node_status=$?
node_count() { grep -E "^# $1 [0-9]+$" "$node_tap" 2>/dev/null | tail -n 1 | sed 's/[^0-9]//g'; }
node_passed=$(node_count pass)
node_failed=$(( $(node_count fail || true)+0 + $(node_count cancelled || true)+0 ))
if [ -z "$node_passed" ] || { [ "$node_status" -ne 0 ] && [ "$node_failed" -eq 0 ]; }; then
  # No summary (the runner crashed) or a failing exit without a failed test still counts as a failure.
  node_failed=$((node_failed + 1))
fi
passed=$((passed + ${node_passed:-0}))
failed=$((failed + node_failed))

projects=$(ls tests/*/*.csproj | wc -l)
if [ "${#trx_files[@]}" -lt "$projects" ]; then
  # A test project that crashed or never ran counts as a failure rather than vanishing.
  echo "only ${#trx_files[@]} of $projects test projects reported results"
  failed=$((failed + projects - ${#trx_files[@]}))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

# The failed tests with the start of each message and its source line, so the tail of a CI log says what failed and why.
failed_names=$(
  [ "${#trx_files[@]}" -eq 0 ] || node tests/print-failures.mjs "${trx_files[@]}"
  grep -E '^[[:space:]]*not ok [0-9]+ - ' "$node_tap" 2>/dev/null | sed -E 's/^[[:space:]]*not ok [0-9]+ - /node: /'
)
if [ -n "$failed_names" ]; then
  echo "== failed tests"
  printf '%s\n' "$failed_names"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
