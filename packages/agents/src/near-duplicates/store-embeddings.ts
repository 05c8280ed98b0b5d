import { type Sql, runQuery, typedSql } from "@switchyard/db";
import { sql } from "kysely";

/**
 * Keeps pieces' dense vectors on their content rows, computed once per piece and encoder: the next drafts
 * of the tenant are compared with them without sending those pieces to the encoder again. One statement
 * for the lot; a row of another tenant is never touched.
 */
export async function storeEmbeddings(
  db: Sql,
  tenantId: string,
  model: string,
  pieces: readonly { id: string; vector: readonly number[] }[],
): Promise<void> {
  if (pieces.length === 0) return;
  const rows = JSON.stringify(pieces.map((p) => ({ id: p.id, vector: p.vector })));
  await runQuery(
    db,
    typedSql
      .updateTable("content_items as c")
      .from((eb) =>
        eb
          .selectFrom(sql<{ value: unknown }>`jsonb_array_elements(${rows}::jsonb)`.as("e"))
          .select([sql<string>`(e.value ->> 'id')::uuid`.as("id"), sql`e.value -> 'vector'`.as("vector")])
          .as("v"),
      )
      .set({
        embedding: sql<number[]>`ARRAY(SELECT jsonb_array_elements_text(v.vector)::real)`,
        embedding_model: model,
      })
      .whereRef("c.id", "=", "v.id")
      .where("c.tenant_id", "=", tenantId),
  );
}

/**
 * Keeps pieces' MinHash signatures on their content rows, made once per piece and signature method (`key`), as
 * storeEmbeddings keeps vectors: the next drafts of the tenant are compared with them without signing those
 * pieces again. One statement for the lot; a row of another tenant is never touched.
 */
export async function storeSignatures(
  db: Sql,
  tenantId: string,
  key: string,
  pieces: readonly { id: string; signature: ArrayLike<number> }[],
): Promise<void> {
  if (pieces.length === 0) return;
  const rows = JSON.stringify(pieces.map((p) => ({ id: p.id, signature: Array.from(p.signature) })));
  await runQuery(
    db,
    typedSql
      .updateTable("content_items as c")
      .from((eb) =>
        eb
          .selectFrom(sql<{ value: unknown }>`jsonb_array_elements(${rows}::jsonb)`.as("e"))
          .select([sql<string>`(e.value ->> 'id')::uuid`.as("id"), sql`e.value -> 'signature'`.as("signature")])
          .as("v"),
      )
      .set({
        signature: sql<number[]>`ARRAY(SELECT jsonb_array_elements_text(v.signature)::integer)`,
        signature_key: key,
      })
      .whereRef("c.id", "=", "v.id")
      .where("c.tenant_id", "=", tenantId),
  );
}
