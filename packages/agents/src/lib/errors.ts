/**
 * Typed errors that carry what a caller needs to act. `code` is stable and safe to
 * show to API clients; messages never contain secrets.
 */
export class SwitchyardError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownRoleError extends SwitchyardError {
  constructor(role: unknown) {
    super("unknown_role", `Unknown agent role ${JSON.stringify(role)}.`);
  }
}

export class UnknownModelError extends SwitchyardError {
  constructor(model: unknown, detail = "is not in the model catalog") {
    super("unknown_model", `Model ${JSON.stringify(model)} ${detail}.`);
  }
}

export class InvalidAmountError extends SwitchyardError {
  constructor(amount: unknown) {
    super("invalid_amount", `Credit amounts are positive whole micro-dollars; got ${String(amount)}.`);
  }
}

export class TenantNotFoundError extends SwitchyardError {
  constructor(tenantId: string) {
    super("tenant_not_found", `Tenant ${tenantId} does not exist.`);
  }
}

export class RunNotFoundError extends SwitchyardError {
  constructor(runId: string) {
    super("run_not_found", `Agent run ${runId} does not exist.`);
  }
}

export class InsufficientCreditsError extends SwitchyardError {
  constructor(
    readonly requiredMicros: number,
    readonly availableMicros: number,
    what: string,
  ) {
    super(
      "insufficient_credits",
      `Not enough credits for ${what}: needs ${formatUsd(requiredMicros)}, balance is ${formatUsd(availableMicros)}.`,
    );
  }
}

export class InvalidPayloadError extends SwitchyardError {
  constructor(
    what: string,
    readonly issues: string[],
  ) {
    super("invalid_payload", `Invalid ${what}: ${issues.join("; ")}`);
  }
}

export function formatUsd(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(4)}`;
}

/** A job that can never succeed however often it is retried (bad payload, missing run, 400/401). */
export class PermanentJobError extends SwitchyardError {
  constructor(override readonly cause: SwitchyardError | Error) {
    super(cause instanceof SwitchyardError ? cause.code : "permanent_failure", cause.message);
  }
}

/**
 * The provider said "slow down" (429). The attempt's hold is back and the run is
 * queued again; the worker pauses the lane for `waitMs` instead of spending a retry.
 */
export class ProviderThrottledError extends SwitchyardError {
  constructor(
    readonly waitMs: number,
    readonly model: string,
  ) {
    super("provider_throttled", `The provider rate-limited ${model}; the lane waits ${Math.round(waitMs)} ms.`);
  }
}

/** An Idempotency-Key sent again with a different request: answering with the first result would hide the change. */
export class IdempotencyKeyReusedError extends SwitchyardError {
  constructor(what: string) {
    super("idempotency_key_reused", `This Idempotency-Key was already used ${what}; send a new key for a new request.`);
  }
}

export class AgentUnavailableError extends SwitchyardError {
  constructor(role: string, reason: "not_configured" | "disabled") {
    super(
      `agent_${reason}`,
      reason === "disabled"
        ? `The ${role} agent is disabled for this tenant.`
        : `This tenant has no ${role} agent configured.`,
    );
  }
}

/** zod issues as "path: message" lines; `root` names an issue about the whole value. */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[], root = "value"): string[] {
  return issues.map((i) => `${i.path.map(String).join(".") || root}: ${i.message}`);
}
