#!/usr/bin/env bash
# Brings the whole platform up on this machine: services, dependencies, migrations,
# demo data, then the dashboard (http://localhost:3000) and the agent workers on
# the offline simulated provider. Ctrl-C stops both.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_pnpm
ensure_env_file
set -a; source .env; set +a
ensure_services
ensure_deps
ensure_database "$DATABASE_URL"
log "applying migrations"; pnpm --silent db:migrate
log "seeding demo data"; pnpm --silent db:seed
log "building the worker and CLI (JavaScript) and the dashboard (Next standalone)"
pnpm --silent --filter @switchyard/agents build >/dev/null
pnpm --filter @switchyard/dashboard build >/dev/null
log "starting the agent workers (provider: ${ANTHROPIC_API_KEY:+anthropic}${ANTHROPIC_API_KEY:-simulated}; metrics on :${WORKER_METRICS_PORT:-0})"
NODE_ENV=production pnpm --silent worker &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM
pnpm --silent sy demo
log "dashboard on http://localhost:3000 — sign in as operator@switchyard.dev / switchyard-demo (Ctrl-C stops everything)"
NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 pnpm --filter @switchyard/dashboard start:standalone
