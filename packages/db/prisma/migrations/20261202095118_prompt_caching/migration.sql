-- Prompt caching. Each tenant picks the cache TTL of its stable prompt prefix (5 minutes or 1 hour, or off).
-- Each run records the 1-hour share of its cache writes, what caching saved against the same call
-- uncached (negative when a write was never read), why its prefix was or was not marked, and how many
-- approved examples its prompt carried. Rollups add up cache tokens and savings.
ALTER TABLE "tenants" ADD COLUMN "prompt_cache_ttl" TEXT NOT NULL DEFAULT '5m';
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_prompt_cache_ttl_check" CHECK ("prompt_cache_ttl" IN ('5m', '1h', 'off'));

ALTER TABLE "agent_runs" ADD COLUMN "cache_write_1h_tokens" INTEGER,
  ADD COLUMN "cache_saving_micros" BIGINT,
  ADD COLUMN "cache_note" TEXT,
  ADD COLUMN "example_count" INTEGER;

ALTER TABLE "run_rollups" ADD COLUMN "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "cache_saving_micros" BIGINT NOT NULL DEFAULT 0;
