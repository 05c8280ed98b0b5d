#!/usr/bin/env bash
# Runs every test: unit, integration (real PostgreSQL and Redis). Ends with one
# summary line, "tests: N passed, N failed".
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_pnpm
ensure_services
ensure_deps
ensure_chromium
log "lint, format and typecheck"
pnpm --silent lint
pnpm --silent format:check
pnpm --silent typecheck
# Once each: tests run what production runs (the compiled worker and CLI, the standalone dashboard).
log "building the worker and CLI (tsup) and the dashboard (Next standalone)"
pnpm --silent --filter @switchyard/agents build >/dev/null
SESSION_SECRET=build-time-placeholder-not-used-at-runtime pnpm --filter @switchyard/dashboard build >/dev/null
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/switchyard_test}"
ensure_database "$TEST_DATABASE_URL"
mkdir -p artifacts
rm -rf artifacts/reliability/scenarios
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json "$@" || status=$?
if [ -d artifacts/reliability/scenarios ]; then
  log "reliability report (artifacts/reliability/report.md)"
  pnpm --silent --filter @switchyard/agents exec tsx test/reliability/write-report.ts || status=1
fi
node -e '
  const r = require("./artifacts/vitest.json");
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  console.log(`tests: ${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || echo "tests: 0 passed, 1 failed"
exit "$status"
