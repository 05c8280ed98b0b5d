import { type Sql, runQuery, typedSql } from "@switchyard/db";
import { sql } from "kysely";

/**
 * Keeps pieces' dense vectors on their content rows, computed once per piece and encoder: the next drafts
 * of the tenant are compared with them without sending those pieces to the encoder again.
 */
export function storeEmbeddings(
  db: Sql,
  tenantId: string,
  model: string,
  pieces: readonly { id: string; vector: readonly number[] }[],
): Promise<void> {
  return storeOnPieces(
    db,
    tenantId,
    "embedding",
    model,
    pieces.map((p) => ({ id: p.id, values: p.vector })),
  );
}

/**
 * Keeps pieces' MinHash signatures on their content rows, made once per piece and signature method (`key`), as
 * vectors are kept: the next drafts of the tenant are compared with them without signing those pieces again.
 */
export function storeSignatures(
  db: Sql,
  tenantId: string,
  key: string,
  pieces: readonly { id: string; signature: ArrayLike<number> }[],
): Promise<void> {
  return storeOnPieces(
    db,
    tenantId,
    "signature",
    key,
    pieces.map((p) => ({ id: p.id, values: p.signature })),
  );
}

/**
 * One statement for the lot: each piece's array (REAL for vectors, INTEGER for signatures, which a REAL would
 * round) and the model or method that made it. A row of another tenant is never touched.
 */
async function storeOnPieces(
  db: Sql,
  tenantId: string,
  kind: "embedding" | "signature",
  madeBy: string,
  pieces: readonly { id: string; values: ArrayLike<number> }[],
): Promise<void> {
  if (pieces.length === 0) return;
  const rows = JSON.stringify(pieces.map((p) => ({ id: p.id, values: Array.from(p.values) })));
  const element = kind === "embedding" ? sql.raw("real") : sql.raw("integer");
  const values = sql<number[]>`ARRAY(SELECT jsonb_array_elements_text(v.vals)::${element})`;
  await runQuery(
    db,
    typedSql
      .updateTable("content_items as c")
      .from((eb) =>
        eb
          .selectFrom(sql<{ value: unknown }>`jsonb_array_elements(${rows}::jsonb)`.as("e"))
          .select([sql<string>`(e.value ->> 'id')::uuid`.as("id"), sql`e.value -> 'values'`.as("vals")])
          .as("v"),
      )
      .set(
        kind === "embedding"
          ? { embedding: values, embedding_model: madeBy }
          : { signature: values, signature_key: madeBy },
      )
      .whereRef("c.id", "=", "v.id")
      .where("c.tenant_id", "=", tenantId),
  );
}
