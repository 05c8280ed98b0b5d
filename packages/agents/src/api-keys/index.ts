export { ApiKeyNotFoundError, ApiKeyNotRotatableError, ApiKeyRefusedError } from "./api-key-errors";
export {
  GraceDurationSchema,
  IssueApiKeySchema,
  MAX_ROTATION_GRACE_MINUTES,
  RevokeApiKeySchema,
  RotateApiKeySchema,
} from "./api-key-schemas";
export { LIVE_KEY_PREFIX } from "./api-key-secret";
export { apiKeyState, type ApiKeyRefusal, type ApiKeyState } from "./api-key-state";
export {
  type ApiKeyActor,
  type ApiKeySummary,
  issueApiKey,
  type IssuedApiKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
} from "./manage-api-keys";
export { LAST_USED_RESOLUTION_MS, resolveApiKey, type ResolvedApiKey } from "./resolve-api-key";
