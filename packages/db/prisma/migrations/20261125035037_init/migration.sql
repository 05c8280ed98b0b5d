-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('owner', 'editor', 'viewer');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'refused_credits');

-- CreateEnum
CREATE TYPE "TaskComplexity" AS ENUM ('trivial', 'simple', 'standard', 'complex', 'expert');

-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('grant', 'reservation', 'settlement', 'release');

-- CreateEnum
CREATE TYPE "ContentKind" AS ENUM ('blog_post', 'social_post', 'email', 'context_file', 'strategy');

-- CreateEnum
CREATE TYPE "ContentStatus" AS ENUM ('draft', 'approved', 'rejected', 'published');

-- CreateEnum
CREATE TYPE "ReviewVerdict" AS ENUM ('approved', 'rejected');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "balance_micros" BIGINT NOT NULL DEFAULT 0,
    "baseline_model" TEXT NOT NULL DEFAULT 'claude-sonnet-4-6',
    "routing_overrides" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "is_operator" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "user_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "role" "MemberRole" NOT NULL,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("user_id","tenant_id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_configs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "adapter" TEXT NOT NULL DEFAULT 'auto',
    "model" TEXT NOT NULL,
    "prompt_settings" JSONB NOT NULL DEFAULT '{}',
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agent_configs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "config_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "adapter" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "task_complexity" "TaskComplexity",
    "model_routed_to" TEXT,
    "model_route_reason" TEXT,
    "routing_signals" JSONB,
    "reserved_micros" BIGINT NOT NULL DEFAULT 0,
    "estimated_cost_micros" BIGINT,
    "actual_cost_micros" BIGINT,
    "baseline_cost_micros" BIGINT,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "cache_read_tokens" INTEGER,
    "cache_write_tokens" INTEGER,
    "price_book_version" TEXT,
    "is_simulated" BOOLEAN,
    "quality_score" DOUBLE PRECISION,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "settled_at" TIMESTAMP(3),
    "revises_run_id" UUID,

    CONSTRAINT "agent_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "run_id" UUID,
    "kind" "LedgerKind" NOT NULL,
    "amount_micros" BIGINT NOT NULL,
    "balance_after_micros" BIGINT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_items" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "kind" "ContentKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "ContentStatus" NOT NULL DEFAULT 'draft',
    "quality_score" DOUBLE PRECISION,
    "quality_checks" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "content_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews" (
    "id" UUID NOT NULL,
    "content_item_id" UUID NOT NULL,
    "reviewer_id" UUID,
    "verdict" "ReviewVerdict" NOT NULL,
    "score" INTEGER NOT NULL,
    "feedback" TEXT NOT NULL DEFAULT '',
    "revision_run_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_idx" ON "memberships"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "agent_configs_tenant_id_role_key" ON "agent_configs"("tenant_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "agent_runs_job_id_key" ON "agent_runs"("job_id");

-- CreateIndex
CREATE INDEX "agent_runs_tenant_id_queued_at_idx" ON "agent_runs"("tenant_id", "queued_at");

-- CreateIndex
CREATE INDEX "agent_runs_tenant_id_status_idx" ON "agent_runs"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "agent_runs_tenant_id_role_queued_at_idx" ON "agent_runs"("tenant_id", "role", "queued_at");

-- CreateIndex
CREATE UNIQUE INDEX "credit_ledger_entries_idempotency_key_key" ON "credit_ledger_entries"("idempotency_key");

-- CreateIndex
CREATE INDEX "credit_ledger_entries_tenant_id_created_at_idx" ON "credit_ledger_entries"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "credit_ledger_entries_run_id_idx" ON "credit_ledger_entries"("run_id");

-- CreateIndex
CREATE UNIQUE INDEX "content_items_run_id_key" ON "content_items"("run_id");

-- CreateIndex
CREATE INDEX "content_items_tenant_id_status_created_at_idx" ON "content_items"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "reviews_content_item_id_idx" ON "reviews"("content_item_id");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_config_id_fkey" FOREIGN KEY ("config_id") REFERENCES "agent_configs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_revises_run_id_fkey" FOREIGN KEY ("revises_run_id") REFERENCES "agent_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_ledger_entries" ADD CONSTRAINT "credit_ledger_entries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_ledger_entries" ADD CONSTRAINT "credit_ledger_entries_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "agent_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "agent_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_content_item_id_fkey" FOREIGN KEY ("content_item_id") REFERENCES "content_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invariants the application relies on, enforced by the database as the last line of defence.
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_balance_non_negative" CHECK ("balance_micros" >= 0);
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_reserved_non_negative" CHECK ("reserved_micros" >= 0);
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_score_1_to_5" CHECK ("score" BETWEEN 1 AND 5);
ALTER TABLE "agent_configs" ADD CONSTRAINT "agent_configs_known_role"
  CHECK ("role" IN ('blog-writer', 'social-post-writer', 'email-writer', 'strategy-writer', 'context-file-writer'));
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_known_role"
  CHECK ("role" IN ('blog-writer', 'social-post-writer', 'email-writer', 'strategy-writer', 'context-file-writer'));
