import "server-only";
import { AGENT_ROLES, describeIssues, InvalidPayloadError } from "@switchyard/agents";
import { RunStatus } from "@switchyard/db";
import { z } from "zod";

/** `GET /api/v1/runs` query parameters; unknown ones are refused, so a misspelt filter is not silently ignored. */
export const ListRunsQuerySchema = z
  .strictObject({
    status: z.enum(RunStatus).optional(),
    role: z.enum(AGENT_ROLES).optional(),
    since: z.iso.datetime({ offset: true }).optional().describe("Runs queued at or after this time (ISO 8601)."),
    until: z.iso.datetime({ offset: true }).optional().describe("Runs queued before this time (ISO 8601)."),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(200).optional().describe("`nextCursor` of the previous page."),
  })
  .refine((q) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until), {
    message: "since must be before until",
    path: ["since"],
  });
export type ListRunsQuery = z.infer<typeof ListRunsQuerySchema>;

export function parseListRunsQuery(url: URL): ListRunsQuery {
  const parsed = ListRunsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new InvalidPayloadError("query", describeIssues(parsed.error.issues, "query"));
  return parsed.data;
}
