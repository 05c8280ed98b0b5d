import { SwitchyardError } from "../lib/errors";
import type { ApiKeyRefusal } from "./api-key-state";

/** Another tenant's key is "not found", exactly like an id that does not exist. */
export class ApiKeyNotFoundError extends SwitchyardError {
  constructor(id: string) {
    super("api_key_not_found", `API key ${id.slice(0, 64)} does not exist.`);
  }
}

/** Rotating a key that is revoked, past its grace period, or already rotated (rotate its successor instead). */
export class ApiKeyNotRotatableError extends SwitchyardError {
  constructor(why: string) {
    super("api_key_not_rotatable", `This API key cannot be rotated: ${why}.`);
  }
}

const REFUSAL_MESSAGES: Record<ApiKeyRefusal, string> = {
  missing: "Send a tenant API key as 'Authorization: Bearer <key>'.",
  unknown: "This API key is not valid.",
  revoked: "This API key has been revoked.",
  expired: "This API key was rotated and its grace period has ended; use the key that replaced it.",
  demo_key_in_production:
    "Demo API keys are public and are refused in production; issue a key with `pnpm sy key issue` or the dashboard.",
};

/** A 401: the code stays `unauthorized` for every refusal, `reason` says which. */
export class ApiKeyRefusedError extends SwitchyardError {
  constructor(readonly reason: ApiKeyRefusal) {
    super("unauthorized", REFUSAL_MESSAGES[reason]);
  }
}
