#!/usr/bin/env bash
# `pnpm test:reliability`: the reliability scenarios at the issue's full sizes (1,000
# faulted jobs, 20 SIGKILLs over 500 jobs, Redis and PostgreSQL restarts, a 1,000-job
# credit race, thousands of hostile inputs, isolation and secrets) plus the lanes burst
# at 2,000 slow jobs. Writes artifacts/reliability/report.{md,json}.
export RELIABILITY=full LANES_BURST=2000
exec bash "$(dirname "$0")/test.sh" reliability restarts lanes
