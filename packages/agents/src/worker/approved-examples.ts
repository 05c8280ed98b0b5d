import type { ContentKind, PrismaClient } from "@switchyard/db";
import { type ApprovedExample, MAX_EXAMPLES } from "../prompts/build-prompt";

const HOUR_MS = 60 * 60_000;
/** Tenant × kind × hour entries one worker process remembers. */
const MEMO_LIMIT = 2_000;

/**
 * The tenant's approved pieces of one kind that its prompts show as examples: the newest
 * `MAX_EXAMPLES` approved before the start of the current UTC hour. The cut at the hour is what
 * keeps the cached prefix stable: an approval changes the examples (and so the prefix, and so
 * the cache) at most once an hour per kind, not at every review. It also lets one worker ask
 * PostgreSQL once per tenant, kind and hour instead of once per job.
 */
export class ApprovedExamples {
  private readonly memo = new Map<string, Promise<ApprovedExample[]>>();

  constructor(
    private readonly db: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  for(tenantId: string, kind: ContentKind): Promise<ApprovedExample[]> {
    const hourStart = Math.floor(this.now() / HOUR_MS) * HOUR_MS;
    const key = `${tenantId}:${kind}:${hourStart}`;
    let examples = this.memo.get(key);
    if (!examples) {
      examples = this.load(tenantId, kind, new Date(hourStart));
      // A failed read is not remembered: the next job asks again.
      examples.catch(() => this.memo.delete(key));
      if (this.memo.size >= MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value as string);
      this.memo.set(key, examples);
    }
    return examples;
  }

  private async load(tenantId: string, kind: ContentKind, before: Date): Promise<ApprovedExample[]> {
    const items = await this.db.contentItem.findMany({
      where: {
        tenantId,
        kind,
        status: { in: ["approved", "published"] },
        reviews: { some: { verdict: "approved", createdAt: { lt: before } } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: MAX_EXAMPLES,
      select: { title: true, body: true },
    });
    // Oldest first: the order a reader would meet them in, and the same for every job this hour.
    return items.reverse();
  }
}
