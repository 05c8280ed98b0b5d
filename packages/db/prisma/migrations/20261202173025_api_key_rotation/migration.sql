-- API key lifecycle. Owners issue, revoke and rotate keys. Rotating a key issues its successor and lets the
-- old key work until expires_at (the grace period the owner picked), then it stops. replaced_by_id links a
-- rotated key to its successor, so a key is rotated at most once. created_by_id names who issued it (null for
-- the seed, the CLI and keys issued before this migration).
ALTER TABLE "api_keys" ADD COLUMN "expires_at" TIMESTAMP(3);
ALTER TABLE "api_keys" ADD COLUMN "replaced_by_id" UUID;
ALTER TABLE "api_keys" ADD COLUMN "created_by_id" UUID;

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_replaced_by_id_fkey"
  FOREIGN KEY ("replaced_by_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey"
  FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX "api_keys_replaced_by_id_key" ON "api_keys"("replaced_by_id");
