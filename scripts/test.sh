#!/usr/bin/env bash
# `npm test`: install what the tests need (Chromium, PostgreSQL, nginx), then typecheck, lint, unit tests (PGlite and
# PostgreSQL), a production build (the standalone server) and the end-to-end tests in Chromium against it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint --max-warnings=0 .

echo "== unit (PGlite and PostgreSQL)"
source scripts/pg-throwaway.sh
pg_throwaway_start
trap pg_throwaway_stop EXIT
ARBOR_TEST_DATABASE_URL="$PG_THROWAWAY_URL" npx vitest run

echo "== build"; npm run build
echo "== end-to-end (Chromium)"; npx playwright test
