import "./load-env";
import { createPrismaClient } from "./client";
import { DEMO_API_KEYS } from "./demo-keys";
import { hashApiKey, hashPassword } from "./passwords";
import { DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from "./seed-data";
import { decideSeed } from "./seed-guard";

/**
 * Demo data, safe to run again: rows are upserted by their natural keys and the
 * opening grant is keyed, so a second run changes nothing.
 */
async function main(): Promise<void> {
  const { isProduction, refusal } = decideSeed(process.argv.slice(2), process.env);
  if (refusal) throw new Error(refusal);
  const db = createPrismaClient();
  try {
    const tenantIds = new Map<string, string>();
    const tenantIdOf = (slug: string) => {
      const id = tenantIds.get(slug);
      if (id === undefined) throw new Error(`seed data names tenant ${slug}, which DEMO_TENANTS does not define`);
      return id;
    };
    for (const demo of DEMO_TENANTS) {
      const tenant = await db.tenant.upsert({
        where: { slug: demo.slug },
        update: {},
        create: { slug: demo.slug, name: demo.name },
      });
      tenantIds.set(demo.slug, tenant.id);
      for (const [role, model] of Object.entries(demo.floors)) {
        await db.agentConfig.upsert({
          where: { tenantId_role: { tenantId: tenant.id, role } },
          update: {},
          create: { tenantId: tenant.id, role, model, promptSettings: demo.brand },
        });
      }
      await grantOnce(db, tenant.id, Math.round(demo.creditsUsd * 1_000_000), `grant:seed:${demo.slug}`);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const demo of DEMO_USERS) {
      const user = await db.user.upsert({
        where: { email: demo.email },
        update: {},
        create: { email: demo.email, name: demo.name, isOperator: demo.isOperator, passwordHash },
      });
      for (const [slug, role] of demo.memberships) {
        const tenantId = tenantIdOf(slug);
        await db.membership.upsert({
          where: { userId_tenantId: { userId: user.id, tenantId } },
          update: {},
          create: { userId: user.id, tenantId, role },
        });
      }
    }
    // The API refuses demo keys in production, so an allowed production seed writes none.
    for (const { tenantSlug, key } of isProduction ? [] : DEMO_API_KEYS) {
      const keyHash = hashApiKey(key);
      await db.apiKey.upsert({
        where: { keyHash },
        update: {},
        create: { tenantId: tenantIdOf(tenantSlug), name: "demo key", prefix: key.slice(0, 12), keyHash },
      });
    }
    console.log(`seeded ${DEMO_TENANTS.length} tenants, ${DEMO_USERS.length} users (password "${DEMO_PASSWORD}")`);
  } finally {
    await db.$disconnect();
  }
}

/** The grant and its ledger row in one statement; the unique key makes a re-run a no-op. */
async function grantOnce(
  db: ReturnType<typeof createPrismaClient>,
  tenantId: string,
  micros: number,
  key: string,
): Promise<void> {
  await db.$executeRaw`
    WITH l AS (
      INSERT INTO credit_ledger_entries (tenant_id, kind, amount_micros, balance_after_micros, idempotency_key, note)
      SELECT id, 'grant', ${micros}::bigint, balance_micros + ${micros}::bigint, ${key}, 'opening demo credits'
      FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING tenant_id, amount_micros
    )
    UPDATE tenants SET balance_micros = balance_micros + l.amount_micros FROM l WHERE tenants.id = l.tenant_id`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
