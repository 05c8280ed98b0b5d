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
