-- A review over the API may carry an Idempotency-Key (stored as tenant id / key, like a job id),
-- so a retried call answers with the first review instead of writing a second one.
ALTER TABLE "reviews" ADD COLUMN "idempotency_key" TEXT;
CREATE UNIQUE INDEX "reviews_idempotency_key_key" ON "reviews"("idempotency_key");
