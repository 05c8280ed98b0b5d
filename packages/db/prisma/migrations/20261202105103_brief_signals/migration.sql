-- Briefs read for what they ask. Each run keeps what the specialist layer extracted from its brief at
-- enqueue (products, dates, audience, calls to action, analysis cues, and which provider and model said
-- so). A role's configuration says whether an analysis cue may turn requiresReasoning on.
ALTER TABLE "agent_runs" ADD COLUMN "brief_signals" JSONB;
ALTER TABLE "agent_configs" ADD COLUMN "apply_brief_analysis" BOOLEAN NOT NULL DEFAULT false;
