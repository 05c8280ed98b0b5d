-- Tenants and people (issue 18, part 1). Operators create and archive tenants and add people to them. An
-- archived tenant keeps its data and the runs already queued, and refuses new work (archived_at set).
-- A person added by email gets a one-time link to set a password: until then users.password_hash is null
-- (no password signs in). invitations keeps the link's SHA-256 only, when it stops working and when it was used.
ALTER TABLE "tenants" ADD COLUMN "archived_at" TIMESTAMP(3);
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;

CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");
CREATE INDEX "invitations_user_id_idx" ON "invitations"("user_id");
CREATE INDEX "invitations_tenant_id_idx" ON "invitations"("tenant_id");

ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_fkey"
  FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_id_fkey"
  FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
