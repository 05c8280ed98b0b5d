import type { PrismaClient } from "@switchyard/db";
import { InvalidAmountError } from "../lib/errors";

/** Credits are positive whole micro-dollars below 2^53; anything else is a caller bug. */
export function assertAmount(amountMicros: number, { isZeroAllowed = false } = {}): void {
  const isValid =
    Number.isSafeInteger(amountMicros) && (amountMicros > 0 || (isZeroAllowed && amountMicros === 0));
  if (!isValid) throw new InvalidAmountError(amountMicros);
}

/** Postgres BIGINT arrives as bigint; balances fit a double exactly (< $9 billion). */
export function toMicros(value: bigint | number | null | undefined): number {
  return value == null ? 0 : Number(value);
}

/** The escrow needs only raw SQL, so it runs on the client or inside a transaction. */
export type SqlClient = Pick<PrismaClient, "$queryRaw">;
