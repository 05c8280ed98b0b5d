/** What the fake Messages API does with one request. */
export type FakeBehaviour =
  /** Answer with text (the whole answer: a prefill that starts it is skipped; it is cut at max_tokens). */
  | { kind: "ok"; text?: string; usage?: Partial<FakeUsage>; headers?: Record<string, string> }
  /** Answer with a tool_use block: `input` as given (valid or not), else schema-shaped input for the tool. */
  | { kind: "tool"; name?: string; input?: unknown }
  /** Stop at max_tokens: the text (by default filler) cut to the budget, whatever its length. */
  | { kind: "max_tokens"; text?: string }
  | { kind: "error"; status: 400 | 401 | 429 | 500 | 529; retryAfterSeconds?: number; retryAfterMs?: number }
  | { kind: "slow"; delayMs: number; then: FakeBehaviour }
  | { kind: "reset" }
  | { kind: "malformed" }
  | { kind: "stream_cut"; text?: string };

/** The behaviours that produce a message (the others fail at the transport or the status). */
export type AnswerBehaviour = Extract<FakeBehaviour, { kind: "ok" | "tool" | "max_tokens" | "stream_cut" }>;

/** The usage object of a Message, as the API sends it. */
export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } | null;
  service_tier: "standard" | "batch";
  inference_geo: null;
  server_tool_use: null;
  output_tokens_details: null;
  speed: null;
}

export const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};
