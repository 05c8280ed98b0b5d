import { SwitchyardError } from "../lib/errors";

export class TenantSlugTakenError extends SwitchyardError {
  constructor(slug: string) {
    super("tenant_slug_taken", `A tenant with the slug "${slug}" already exists; choose another slug.`);
  }
}

/** An archived tenant keeps its data and finishes what was queued, and takes no new work or change. */
export class TenantArchivedError extends SwitchyardError {
  constructor(tenant: string) {
    super(
      "tenant_archived",
      `Tenant ${tenant} is archived: its data is kept and readable, but it takes no new jobs or changes ` +
        "until an operator restores it.",
    );
  }
}

export class AlreadyMemberError extends SwitchyardError {
  constructor(email: string, role: string) {
    super("already_member", `${email} already belongs to this tenant (as ${role}).`);
  }
}

export class PersonNotFoundError extends SwitchyardError {
  constructor(email: string) {
    super("person_not_found", `No person with the email ${email.slice(0, 200)}.`);
  }
}

/** Why a link to set a password was refused; the page says which, so the person knows what to ask for. */
export type InvitationRefusal = "unknown" | "used" | "expired" | "password_already_set";

const REFUSALS: Record<InvitationRefusal, string> = {
  unknown: "This link is not valid. Check that it was copied whole, or ask for a new one.",
  used: "This link has already been used. Sign in with the password you set, or ask for a new link.",
  expired: "This link has expired. Ask the person who added you for a new one.",
  password_already_set: "This account already has a password. Sign in with it.",
};

export class InvitationRefusedError extends SwitchyardError {
  constructor(readonly reason: InvitationRefusal) {
    super("invitation_refused", REFUSALS[reason]);
  }
}
