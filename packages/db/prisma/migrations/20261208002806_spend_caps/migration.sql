-- Spend caps (the cost circuit breaker): per tenant, optional daily and monthly caps in micro-USD. Each
-- tenant row keeps its own running spend for the current UTC day and month, counting settled charges and
-- open holds, so the statement that takes a credit hold checks the caps under the same row lock that
-- guards the balance: no race between concurrent holds. A hold is counted in the day and month it was
-- taken (agent_runs.held_on), and its settlement or release moves those counters only while that day or
-- month is still the current one.
ALTER TABLE "tenants" ADD COLUMN "daily_cap_micros" BIGINT,
  ADD COLUMN "monthly_cap_micros" BIGINT,
  ADD COLUMN "spend_day" DATE NOT NULL DEFAULT DATE '1970-01-01',
  ADD COLUMN "spend_day_micros" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "spend_month" DATE NOT NULL DEFAULT DATE '1970-01-01',
  ADD COLUMN "spend_month_micros" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "cap_warned_day" DATE,
  ADD COLUMN "cap_warned_month" DATE;
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_daily_cap_micros_check"
  CHECK ("daily_cap_micros" IS NULL OR "daily_cap_micros" > 0);
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_monthly_cap_micros_check"
  CHECK ("monthly_cap_micros" IS NULL OR "monthly_cap_micros" > 0);

ALTER TABLE "agent_runs" ADD COLUMN "held_on" DATE;

-- Open holds belong to today, and today's and this month's settled charges are counted, so a cap set
-- right after this migration starts from the true position.
UPDATE "agent_runs" SET "held_on" = (now() AT TIME ZONE 'UTC')::date WHERE "reserved_micros" > 0;
UPDATE "tenants" t SET
  "spend_day" = (now() AT TIME ZONE 'UTC')::date,
  "spend_month" = date_trunc('month', now() AT TIME ZONE 'UTC')::date,
  "spend_day_micros" = COALESCE((
    SELECT sum(r."reserved_micros") + sum(CASE WHEN (r."settled_at" AT TIME ZONE 'UTC')::date
      = (now() AT TIME ZONE 'UTC')::date THEN COALESCE(r."actual_cost_micros", 0) ELSE 0 END)
    FROM "agent_runs" r WHERE r."tenant_id" = t."id"), 0),
  "spend_month_micros" = COALESCE((
    SELECT sum(r."reserved_micros") + sum(CASE WHEN date_trunc('month', r."settled_at" AT TIME ZONE 'UTC')
      = date_trunc('month', now() AT TIME ZONE 'UTC') THEN COALESCE(r."actual_cost_micros", 0) ELSE 0 END)
    FROM "agent_runs" r WHERE r."tenant_id" = t."id"), 0);
