import type { ContentKind, PrismaClient } from "@switchyard/db";
import { type ExampleCandidate, type ExampleChoice, chooseExamples, exampleText } from "../examples/choose-examples";
import type { ExamplesMode } from "../examples/examples-mode";
import { buildTopicSets, type Ranker } from "../examples/topic-sets";
import { EXAMPLE_CHARS, MAX_EXAMPLES } from "../prompts/build-prompt";
import { defaultSpecialists } from "../specialists";

const HOUR_MS = 60 * 60_000;
/** Tenant × kind × hour entries one worker process remembers. */
const MEMO_LIMIT = 1_000;
/**
 * Candidates an example is chosen from: the newest approved pieces of the kind. Sixteen make five topic
 * sets of three (and one padded), enough for a tenant's running themes, and bound the ranking's work
 * per job and the memory a worker keeps per tenant.
 */
export const EXAMPLE_POOL_SIZE = 16;

export interface ExamplesRequest {
  tenantId: string;
  kind: ContentKind;
  mode: ExamplesMode;
  /** What the job asks for (its topic, brief and keywords): what the pool is ranked against. */
  query: string;
}

export interface ApprovedExamplesOptions {
  /** @defaultValue Date.now */
  now?: () => number;
  /** Ranks the pool against a brief and groups it into topic sets. @defaultValue the deployment's specialists */
  ranker?: Ranker;
}

interface PoolEntry {
  pool: Promise<ExampleCandidate[]>;
  topicSets?: Promise<number[][]>;
}

/**
 * The tenant's approved pieces that its prompts show as examples, chosen per job from the newest
 * `EXAMPLE_POOL_SIZE` approved before the start of the current UTC hour (see ExamplesMode). The cut at
 * the hour is what keeps the cached prefix stable: an approval changes the pool (and so the prefixes, and
 * so the cache) at most once an hour per kind, not at every review. It also lets one worker ask
 * PostgreSQL, and build the pool's topic sets, once per tenant, kind and hour instead of once per job.
 */
export class ApprovedExamples {
  private readonly memo = new Map<string, PoolEntry>();
  private readonly now: () => number;
  private readonly ranker: Ranker;

  constructor(
    private readonly db: PrismaClient,
    options: ApprovedExamplesOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ranker = options.ranker ?? defaultSpecialists();
  }

  /** The candidates a job of this tenant and kind would choose from now, newest first. */
  pool(tenantId: string, kind: ContentKind): Promise<ExampleCandidate[]> {
    return this.entry(tenantId, kind).pool;
  }

  async choose(request: ExamplesRequest): Promise<ExampleChoice> {
    const entry = this.entry(request.tenantId, request.kind);
    const pool = await entry.pool;
    return chooseExamples({
      mode: request.mode,
      pool,
      query: request.query,
      ranker: this.ranker,
      topicSets: () => {
        if (!entry.topicSets) {
          entry.topicSets = buildTopicSets(pool.map(exampleText), this.ranker, MAX_EXAMPLES);
          // Sets that could not be built are not remembered: the next job tries again.
          entry.topicSets.catch(() => (entry.topicSets = undefined));
        }
        return entry.topicSets;
      },
    });
  }

  private entry(tenantId: string, kind: ContentKind): PoolEntry {
    const hourStart = Math.floor(this.now() / HOUR_MS) * HOUR_MS;
    const key = `${tenantId}:${kind}:${hourStart}`;
    let entry = this.memo.get(key);
    if (!entry) {
      entry = { pool: this.load(tenantId, kind, new Date(hourStart)) };
      // A failed read is not remembered: the next job asks again.
      entry.pool.catch(() => this.memo.delete(key));
      if (this.memo.size >= MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value as string);
      this.memo.set(key, entry);
    }
    return entry;
  }

  /** Newest first. */
  private async load(tenantId: string, kind: ContentKind, before: Date): Promise<ExampleCandidate[]> {
    const items = await this.db.contentItem.findMany({
      where: {
        tenantId,
        kind,
        status: { in: ["approved", "published"] },
        reviews: { some: { verdict: "approved", createdAt: { lt: before } } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: EXAMPLE_POOL_SIZE,
      select: { id: true, title: true, body: true },
    });
    // One character past the prompt's cut is kept: the prompt still sees a long piece as long and says so.
    return items.map((item) => ({ ...item, body: item.body.slice(0, EXAMPLE_CHARS + 1) }));
  }
}
