-- The offline near-duplicate guard's MinHash signatures, kept on the content row they describe like SIE's
-- vectors: made once per piece and signature method (signature_key names the method and every parameter that
-- changes its values), so a check signs only the draft. INTEGER, not REAL: a signature's values reach 2^31
-- and a REAL would round them.
ALTER TABLE "content_items" ADD COLUMN "signature" INTEGER[],
  ADD COLUMN "signature_key" TEXT;
