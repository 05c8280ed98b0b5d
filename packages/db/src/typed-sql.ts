import {
  type Compilable,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
  sql,
} from "kysely";
import type { LedgerKind } from "./generated/kysely/enums";
import type { DB } from "./generated/kysely/database";
import type { Sql } from "./sql";

export type { DB } from "./generated/kysely/database";

/**
 * Kysely as a query builder only: table and column names are checked by the compiler
 * against types generated from schema.prisma, and the statements run on the process's
 * one pg pool through `Sql`. Kysely's own driver is never used, so there is no second
 * pool to keep in step with Prisma's.
 */
export const typedSql = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A statement built and compiled once; each call only binds its parameters. */
export interface TypedStatement<Params, Row> {
  readonly name: string;
  readonly text: string;
  bind(params: Params): unknown[];
  /** Carries the row type; never set. */
  readonly row?: Row;
}

/** The row type a prepared typed statement returns. */
export type RowOf<S> = S extends TypedStatement<never, infer Row> ? Row : never;

const MARKER = Symbol("typed-sql parameter");
interface Marker {
  readonly [MARKER]: string;
}
const isMarker = (value: unknown): value is Marker => typeof value === "object" && value !== null && MARKER in value;

/**
 * Builds a hot statement once, with a marker standing in for each named parameter, and
 * compiles it once: building and compiling a CTE with Kysely costs ~0.3 ms of CPU, about
 * what PostgreSQL spends running it, so the money path must not pay it per call. The text
 * is then prepared once per connection (by `name`), and a call binds values by position.
 *
 * The builder must pass parameters to SQL untouched (`p.amount`, never `p.amount - 1`):
 * anything computed from a marker in JavaScript is caught here and refused.
 */
export function prepareTyped<Params extends Record<string, unknown>, Row>(
  name: string,
  build: (params: Params) => Compilable<Row>,
): TypedStatement<Params, Row> {
  const used = new Set<string>();
  const params = new Proxy({} as Params, {
    get: (_target, key) => {
      if (typeof key !== "string") return undefined;
      used.add(key);
      return { [MARKER]: key } satisfies Marker;
    },
  });
  const { sql: text, parameters } = build(params).compile();
  type Slot = { key: string } | { constant: unknown };
  const slots = parameters.map((value): Slot => (isMarker(value) ? { key: value[MARKER] } : { constant: value }));
  const bound = new Set(slots.flatMap((s) => ("key" in s ? [s.key] : [])));
  const misused = [...used].filter((key) => !bound.has(key));
  const isComputed = (v: unknown) =>
    (typeof v === "number" && Number.isNaN(v)) || (typeof v === "string" && v.includes("[object"));
  if (misused.length > 0 || slots.some((s) => "constant" in s && isComputed(s.constant))) {
    throw new Error(
      `Statement ${name} computes with its parameters in JavaScript (${misused.join(", ")}); do it in SQL.`,
    );
  }
  return {
    name,
    text,
    bind: (values) => slots.map((s) => ("key" in s ? values[s.key] : s.constant)),
  };
}

/** Runs a prepared typed statement: bound by position, prepared once per connection under its name. */
export async function runTyped<Params, Row>(
  sql: Sql,
  statement: TypedStatement<Params, Row>,
  params: Params,
): Promise<Row[]> {
  return sql.query<Row>({ name: statement.name, text: statement.text }, statement.bind(params));
}

/** Runs a cold statement (a read, an operator's command): built and compiled per call, not prepared. */
export async function runQuery<Row>(sql: Sql, query: Compilable<Row>): Promise<Row[]> {
  const { sql: text, parameters } = query.compile();
  return sql.query<Row>(text, [...parameters]);
}

/** A ledger kind as a typed literal (a bare string literal in a UNION is text, which the enum column refuses). */
export function ledgerKind(kind: LedgerKind): RawBuilder<LedgerKind> {
  return sql<LedgerKind>`${sql.lit(kind)}::"LedgerKind"`;
}
