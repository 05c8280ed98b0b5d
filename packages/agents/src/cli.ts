import "@switchyard/db/load-env";
import { parseArgs } from "node:util";
import { createPrismaClient, type PrismaClient } from "@switchyard/db";
import { KEY_USAGE, runKeyCommand } from "./cli/key-command";
import { runTenantCommand, TENANT_USAGE } from "./cli/tenant-command";
import { runUserCommand, USER_USAGE } from "./cli/user-command";
import { grantCredits } from "./credits";
import { enqueueDemoJobs } from "./demo-jobs";
import { agentsEnv } from "./env";
import { enqueueAgentJob } from "./producer/enqueue-agent-job";
import { SwitchyardError } from "./lib/errors";
import { closeAgentQueues, createAgentQueues } from "./queues/agent-queues";
import { createRedisConnection } from "./queues/redis-connection";
import { chooseLogFormat, createLogger } from "./observability/index";
import { pino } from "pino";

/** Results go to standard output for people and pipes; the structured log goes to standard error. */
const logger = createLogger({
  name: "cli",
  level: agentsEnv().LOG_LEVEL,
  format: chooseLogFormat({
    configured: agentsEnv().LOG_FORMAT,
    nodeEnv: process.env.NODE_ENV,
    isTerminal: process.stderr.isTTY,
  }),
  destination: pino.destination({ fd: 2, sync: true }),
});

const USAGE = `Usage:
  pnpm sy enqueue --tenant <slug> --role <role> --topic <text> [--words N] [--reasoning] [--key <idempotency key>]
  pnpm sy grant   --tenant <slug> --usd <amount> --key <idempotency key> [--note <text>]
  pnpm sy run     <run id>
  pnpm sy demo    (a few live jobs for the demo tenants; safe to run again)
${KEY_USAGE}
${TENANT_USAGE}
${USER_USAGE}`;

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

/** The operators' admin commands, each in src/cli/: API keys, tenants, people. */
const ADMIN_COMMANDS: Record<string, (db: PrismaClient, argv: string[]) => Promise<void>> = {
  key: (db, argv) => runKeyCommand(db, argv, io),
  tenant: (db, argv) => runTenantCommand(db, argv, io),
  user: (db, argv) =>
    runUserCommand(db, argv, io, {
      invitationTtlHours: agentsEnv().INVITATION_TTL_HOURS,
      dashboardUrl: agentsEnv().DASHBOARD_URL,
    }),
};

/**
 * The operators' command line: enqueue a job, grant credits, look at a run, manage API keys, tenants and people.
 */
async function main(argv: string[]): Promise<void> {
  const admin = argv[0] === undefined ? undefined : ADMIN_COMMANDS[argv[0]];
  if (admin) {
    const db = createPrismaClient();
    try {
      await admin(db, argv.slice(1));
    } finally {
      await db.$disconnect();
    }
    return;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: "string" },
      role: { type: "string" },
      topic: { type: "string" },
      words: { type: "string" },
      reasoning: { type: "boolean" },
      key: { type: "string" },
      usd: { type: "string" },
      note: { type: "string" },
    },
  });
  const [command, arg] = positionals;
  const db = createPrismaClient();
  try {
    if (command === "run" && arg) {
      const run = await db.agentRun.findUnique({ where: { id: arg } });
      console.log(JSON.stringify(run, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v), 2));
      return;
    }
    if (command === "demo") {
      await enqueueDemoJobs(db);
      return;
    }
    const tenant = values.tenant ? await db.tenant.findUnique({ where: { slug: values.tenant } }) : null;
    if (!tenant) throw new Error(`${USAGE}\n\nUnknown or missing --tenant.`);
    if (command === "grant") {
      const amountMicros = Math.round(Number(values.usd) * 1_000_000);
      if (!values.key) throw new Error(`${USAGE}\n\n--key is required so a repeated grant is not applied twice.`);
      const result = await grantCredits(db, {
        tenantId: tenant.id,
        amountMicros,
        idempotencyKey: values.key,
        note: values.note,
      });
      logger.info(
        { tenantId: tenant.id, amountMicros, isDuplicate: result.isDuplicate, balanceMicros: result.balanceMicros },
        "credits granted",
      );
      console.log(
        `${result.isDuplicate ? "already granted" : "granted"}; balance $${(result.balanceMicros / 1e6).toFixed(4)}`,
      );
      return;
    }
    if (command !== "enqueue") throw new Error(USAGE);
    const env = agentsEnv();
    const connection = createRedisConnection(env.REDIS_URL, { isWorker: false });
    const queues = createAgentQueues(connection, env.QUEUE_PREFIX);
    try {
      const input = {
        role: values.role,
        topic: values.topic,
        outputLengthTarget: values.words ? Number(values.words) : undefined,
        requiresReasoning: values.reasoning ?? false,
      };
      const { run, isDuplicate } = await enqueueAgentJob(
        { db, queues },
        { tenantId: tenant.id, input, idempotencyKey: values.key },
      );
      logger.info({ tenantId: tenant.id, runId: run.id, status: run.status, isDuplicate }, "job enqueued");
      console.log(`${isDuplicate ? "already enqueued" : "enqueued"} run ${run.id} (${run.status})`);
    } finally {
      await closeAgentQueues(queues);
      await connection.quit();
    }
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  logger.error(
    { err: error instanceof Error ? { type: error.name, message: error.message } : String(error) },
    "command failed",
  );
  console.error(
    error instanceof SwitchyardError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exitCode = 1;
});
