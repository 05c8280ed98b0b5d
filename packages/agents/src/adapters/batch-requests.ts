/** Limits of one Message Batch, from the batch processing guide. */
export const MAX_BATCH_REQUESTS = 100_000;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Why the API would refuse to create a batch with these custom ids, if it would: none or too many
 * requests, an id that is not 1–64 letters, digits, "-" or "_", or an id used twice (results are matched
 * by it). The simulated provider and the fake API share the rule, so they refuse alike.
 */
export function batchRequestsProblem(customIds: readonly string[]): string | undefined {
  if (customIds.length === 0) return "requests: a batch needs at least one request";
  if (customIds.length > MAX_BATCH_REQUESTS) return `requests: at most ${MAX_BATCH_REQUESTS} per batch`;
  const bad = customIds.find((id) => !CUSTOM_ID.test(id));
  if (bad !== undefined) return `custom_id ${JSON.stringify(bad)}: must be 1-64 letters, digits, "-" or "_"`;
  const seen = new Set<string>();
  const duplicate = customIds.find((id) => seen.size === seen.add(id).size);
  return duplicate === undefined ? undefined : `custom_id ${JSON.stringify(duplicate)}: used more than once`;
}
