/** The audit log of administrative changes: who, what, when, before and after (issue 18, part 6). */
export {
  type AuditActor,
  type AuditChange,
  audited,
  type AuditEventView,
  AuditPageSchema,
  CLI_ACTOR,
  listAuditEvents,
  recordAudit,
} from "./audit-log";
