/** How many days back a role's guard looks unless its configuration says otherwise (the column's default). */
export const DEFAULT_DUPLICATE_WINDOW_DAYS = 30;
export const MAX_DUPLICATE_WINDOW_DAYS = 365;
/**
 * The most pieces one draft is compared with: the tenant's newest approved and published pieces of the
 * kind inside the window. It bounds a check's cost whatever a tenant's history holds (MinHash of 200
 * pieces, or one cosine each over stored vectors); a repeat of something older than the newest 200 of a
 * kind is, for a content calendar, not the repeat the guard is for.
 */
export const MAX_DUPLICATE_CANDIDATES = 200;

const DAY_MS = 24 * 60 * 60_000;

export interface CandidateWindow {
  /** Pieces written at or after this time are compared. */
  since: Date;
  /** At most this many, newest first. */
  limit: number;
}

/** Which pieces a draft is compared with; undefined when the role's guard is off (a window of 0 days). */
export function candidateWindow(options: {
  now: Date;
  windowDays: number;
  maxCandidates?: number;
}): CandidateWindow | undefined {
  const days = Math.min(Math.max(0, Math.floor(options.windowDays)), MAX_DUPLICATE_WINDOW_DAYS);
  const limit = Math.max(0, Math.floor(options.maxCandidates ?? MAX_DUPLICATE_CANDIDATES));
  if (days === 0 || limit === 0) return undefined;
  return { since: new Date(options.now.getTime() - days * DAY_MS), limit };
}
