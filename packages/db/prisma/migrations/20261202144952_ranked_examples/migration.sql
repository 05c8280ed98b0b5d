-- Examples that fit the job. A role's configuration says how the prompt's approved examples are chosen:
-- 'latest' (the newest approved pieces), 'topic_set' (the tenant's pieces grouped into a few stable topic
-- sets, the set that best fits the brief shown whole, so similar jobs share a cached prefix) or 'best_fit'
-- (the pieces that best fit each brief, whatever that does to the cache). Each run records which examples
-- its prompt carried, their fit scores against its brief and which specialist provider and model ranked them.
ALTER TABLE "agent_configs" ADD COLUMN "examples_mode" TEXT NOT NULL DEFAULT 'topic_set';
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_examples_mode_check"
  CHECK ("examples_mode" IN ('latest', 'topic_set', 'best_fit'));

ALTER TABLE "agent_runs" ADD COLUMN "prompt_examples" JSONB;
