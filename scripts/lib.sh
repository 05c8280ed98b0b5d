# Shared by the bring-up, test and CI scripts: pnpm, dependencies and services.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="10.34.9"

log() { printf '\033[1;34m[switchyard]\033[0m %s\n' "$*" >&2; }

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm -v 2>/dev/null)" = "$PNPM_VERSION" ]; then return; fi
  # corepack cannot verify signatures against registries that serve none; npm can install pnpm.
  log "installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
}

ensure_deps() {
  log "installing dependencies"
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only | tail -n 3)
}

ensure_env_file() {
  [ -f "$ROOT/.env" ] && return
  local secret
  secret="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
  sed "s/^SESSION_SECRET=.*/SESSION_SECRET=$secret/" "$ROOT/.env.example" > "$ROOT/.env"
  log "created .env from .env.example (with a fresh SESSION_SECRET)"
}

# PostgreSQL and Redis: use what answers; else start the machine's own servers; else docker compose.
ensure_services() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then start_postgres; fi
  if ! redis_ping; then start_redis; fi
  pg_isready -q -h 127.0.0.1 -p 5432 || { log "PostgreSQL is not reachable on 127.0.0.1:5432"; exit 1; }
  redis_ping || { log "Redis is not reachable on 127.0.0.1:6379"; exit 1; }
}

redis_ping() {
  if command -v redis-cli >/dev/null 2>&1; then redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; return; fi
  (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null
}

has_docker_engine() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

start_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if has_docker_engine; then (cd "$ROOT" && docker compose up -d --wait postgres); return; fi
    log "installing PostgreSQL from Debian packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    if has_docker_engine; then (cd "$ROOT" && docker compose up -d --wait redis); return; fi
    log "installing Redis from Debian packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --maxmemory-policy noeviction --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis_ping && break; sleep 0.5; done
}

# Creates a database on the local server if it is missing (trust or password in the URL).
ensure_database() {
  local url="$1" name
  name="$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$url")"
  local admin="${url%/*}/postgres"
  if ! psql "$admin" -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1; then
    log "creating database $name"
    psql "$admin" -qc "CREATE DATABASE \"$name\""
  fi
}

# Browser tests drive Debian's Chromium (a test tool's own browser download cannot work offline).
ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return
  log "installing Chromium from Debian packages (browser tests)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}
