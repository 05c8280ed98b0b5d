/** What the fake Messages API does with one request. */
export type FakeBehaviour =
  | { kind: "ok"; text?: string; usage?: Partial<FakeUsage>; headers?: Record<string, string> }
  | { kind: "error"; status: 400 | 401 | 429 | 500 | 529; retryAfterSeconds?: number; retryAfterMs?: number }
  | { kind: "slow"; delayMs: number; then: FakeBehaviour }
  | { kind: "reset" }
  | { kind: "malformed" }
  | { kind: "stream_cut" };

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

export function messageBody(model: string, text: string, usage: FakeUsage) {
  return {
    id: `msg_fake_${Math.random().toString(36).slice(2, 12)}`,
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage,
  };
}

/** The event sequence the real API streams for one text block. */
export function streamEvents(model: string, text: string, usage: FakeUsage): [string, unknown][] {
  const message = { ...messageBody(model, "", usage), content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } };
  const chunks = text.match(/[\s\S]{1,40}/g) ?? [""];
  return [
    ["message_start", { type: "message_start", message }],
    ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
    ["ping", { type: "ping" }],
    ...chunks.map((chunk): [string, unknown] => ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: chunk } }]),
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    ["message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }],
    ["message_stop", { type: "message_stop" }],
  ];
}
