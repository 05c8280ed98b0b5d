import { type FakeContentBlock, type FakeMessage, jsonOf } from "./compose-message";

type StreamEvent = [name: string, data: unknown];

/** The event sequence the real API streams for a message: text as text deltas, tool input as JSON deltas. */
export function streamEvents(message: FakeMessage): StreamEvent[] {
  const start = {
    ...message,
    content: [],
    stop_reason: null,
    usage: { ...message.usage, output_tokens: Math.min(1, message.usage.output_tokens) },
  };
  const events: StreamEvent[] = [["message_start", { type: "message_start", message: start }]];
  message.content.forEach((block, index) => {
    events.push(["content_block_start", { type: "content_block_start", index, content_block: emptied(block) }]);
    if (index === 0) events.push(["ping", { type: "ping" }]);
    for (const delta of deltas(block)) {
      events.push(["content_block_delta", { type: "content_block_delta", index, delta }]);
    }
    events.push(["content_block_stop", { type: "content_block_stop", index }]);
  });
  const delta = { stop_reason: message.stop_reason, stop_sequence: null };
  const usage = { output_tokens: message.usage.output_tokens };
  events.push(["message_delta", { type: "message_delta", delta, usage }]);
  events.push(["message_stop", { type: "message_stop" }]);
  return events;
}

function emptied(block: FakeContentBlock): FakeContentBlock {
  return block.type === "text" ? { ...block, text: "" } : { ...block, input: {} };
}

function deltas(block: FakeContentBlock): unknown[] {
  if (block.type === "text") return chunks(block.text).map((text) => ({ type: "text_delta", text }));
  return chunks(jsonOf(block.input) ?? "").map((partial_json) => ({ type: "input_json_delta", partial_json }));
}

function chunks(text: string): string[] {
  return text.match(/[\s\S]{1,40}/g) ?? [];
}
