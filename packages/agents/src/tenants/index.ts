export {
  AlreadyMemberError,
  InvitationRefusedError,
  type InvitationRefusal,
  PersonNotFoundError,
  TenantArchivedError,
  TenantSlugTakenError,
} from "./tenant-errors";
export {
  AddPersonSchema,
  CreateTenantSchema,
  type CreateTenantInput,
  DEFAULT_BASELINE_MODEL,
  DEFAULT_FLOOR,
  MemberRoleSchema,
  NewPasswordSchema,
  TenantSlugSchema,
} from "./tenant-schemas";
export {
  acceptInvitation,
  INVITATION_TOKEN_PREFIX,
  invitationUrl,
  type IssuedInvitation,
  readInvitation,
} from "./invitations";
export {
  archiveTenant,
  assertTenantActive,
  createTenant,
  findTenant,
  listTenants,
  restoreTenant,
  type TenantSummary,
} from "./manage-tenants";
export {
  addPerson,
  listMembers,
  type MemberSummary,
  type PeopleActor,
  type PersonAdded,
  reissueInvitation,
} from "./manage-people";
