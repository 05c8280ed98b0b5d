import { type ContentKind, runQuery, type Sql, typedSql } from "@switchyard/db";
import type { CandidateWindow } from "./candidate-window";

/** A piece a draft is compared with. */
export interface Candidate {
  id: string;
  runId: string;
  title: string;
  body: string;
  createdAt: Date;
  /** The stored dense vector and the encoder that made it, when one was stored. */
  embedding: number[] | null;
  embeddingModel: string | null;
  /** The stored MinHash signature and its method's key (SignatureMethod.key), when one was stored. */
  signature: number[] | null;
  signatureKey: string | null;
}

/**
 * The tenant's approved and published pieces of one kind written inside the window, newest first and at
 * most `window.limit` of them: the bounded set one draft is compared with. Drafts and rejected pieces are
 * not candidates (nobody accepted them), nor another kind (a social post may well retell last week's blog).
 */
export async function readCandidates(
  sql: Sql,
  scope: { tenantId: string; kind: ContentKind },
  window: CandidateWindow,
): Promise<Candidate[]> {
  const rows = await runQuery(
    sql,
    typedSql
      .selectFrom("content_items")
      .select([
        "id",
        "run_id as runId",
        "title",
        "body",
        "created_at as createdAt",
        "embedding",
        "embedding_model as embeddingModel",
        "signature",
        "signature_key as signatureKey",
      ])
      .where("tenant_id", "=", scope.tenantId)
      .where("kind", "=", scope.kind)
      .where("status", "in", ["approved", "published"])
      .where("created_at", ">=", window.since)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(window.limit),
  );
  // The columns are NULL until a vector or signature is stored (the generated types do not say so).
  return rows.map((row) => ({
    ...row,
    embedding: (row.embedding as number[] | null) ?? null,
    signature: (row.signature as number[] | null) ?? null,
  }));
}
