import type { Sql } from "@switchyard/db";

export interface PgvectorSupport {
  /** The server offers the extension (pg_available_extensions). */
  isAvailable: boolean;
  /** It is installed in this database (pg_extension). */
  isInstalled: boolean;
}

/**
 * Whether this PostgreSQL has pgvector. The guard keeps vectors in a `real[]` column and takes cosines in
 * the worker either way: with at most MAX_DUPLICATE_CANDIDATES pieces per check an index buys little, and
 * `real[]` works on every server. The worker logs what it found at start, so an operator knows whether a
 * `vector` column with an HNSW index is open to them.
 */
export async function detectPgvector(db: Sql): Promise<PgvectorSupport> {
  const [row] = await db.query<{ available: boolean; installed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available,
            EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS installed`,
  );
  return { isAvailable: row?.available === true, isInstalled: row?.installed === true };
}
