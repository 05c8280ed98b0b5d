-- The audit log: every administrative change (tenants, people, API keys, spend caps, floors and other agent
-- settings, routing overrides, credit grants, webhook endpoints), who made it, when, and the state before and
-- after. Rows are only ever inserted: actor_user_id has no foreign key, so removing a person never rewrites
-- the record of what they did (actor keeps their email too). A tenant's rows go with the tenant.
CREATE TABLE "audit_events" (
  "id" BIGSERIAL PRIMARY KEY,
  "tenant_id" UUID REFERENCES "tenants"("id") ON DELETE CASCADE,
  "actor_user_id" UUID,
  "actor" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "target" TEXT NOT NULL,
  "before" JSONB,
  "after" JSONB,
  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "audit_events_tenant_id_id_idx" ON "audit_events" ("tenant_id", "id" DESC);
