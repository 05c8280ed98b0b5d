import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ERROR_TYPES, type FakeBehaviour, type FakeUsage, messageBody, streamEvents } from "./behaviours";

export type { FakeBehaviour } from "./behaviours";

export interface RecordedRequest {
  headers: IncomingMessage["headers"];
  body: { model: string; max_tokens: number; stream?: boolean; system?: string; messages: unknown[] };
}

/**
 * A local stand-in for the Anthropic Messages API (POST /v1/messages) on 127.0.0.1,
 * so the real SDK can be tested offline against successes, every error the API
 * sends, slow answers, dropped connections, garbled bodies and cut streams.
 * Behaviours queued with `enqueue` are used first, in order; then the default.
 */
export async function startFakeAnthropic() {
  const queue: FakeBehaviour[] = [];
  let fallback: FakeBehaviour | (() => FakeBehaviour) = { kind: "ok" };
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) return sendError(res, 404);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as RecordedRequest["body"];
    requests.push({ headers: req.headers, body });
    await respond(queue.shift() ?? (typeof fallback === "function" ? fallback() : fallback), body, req, res);
  }

  async function respond(behaviour: FakeBehaviour, body: RecordedRequest["body"], req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = behaviour.kind === "ok" && behaviour.text !== undefined ? behaviour.text : `A reply from ${body.model}.`;
    const usage: FakeUsage = {
      input_tokens: 100,
      output_tokens: Math.max(1, Math.ceil(text.length / 4)),
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
      ...(behaviour.kind === "ok" ? behaviour.usage : {}),
    };
    switch (behaviour.kind) {
      case "slow":
        await new Promise((r) => setTimeout(r, behaviour.delayMs));
        if (req.destroyed || res.destroyed) return;
        return respond(behaviour.then, body, req, res);
      case "error":
        return sendError(res, behaviour.status, behaviour.retryAfterSeconds, behaviour.retryAfterMs);
      case "reset":
        req.socket.destroy();
        return;
      case "malformed":
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"id":"msg_x","type":"message","content":[{"type":"te');
        return;
      case "stream_cut":
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (const [event, data] of streamEvents(body.model, text, usage).slice(0, 3)) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        req.socket.destroy();
        return;
      case "ok":
        if (body.stream) {
          res.writeHead(200, { "content-type": "text/event-stream", ...rateLimitHeaders(), ...behaviour.headers });
          for (const [event, data] of streamEvents(body.model, text, usage)) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
          res.end();
          return;
        }
        res.writeHead(200, { "content-type": "application/json", ...rateLimitHeaders(), ...behaviour.headers });
        res.end(JSON.stringify(messageBody(body.model, text, usage)));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...behaviours: FakeBehaviour[]) => void queue.push(...behaviours),
    /** What to do when nothing is queued: one behaviour, or a function choosing one per request. */
    setDefault: (behaviour: FakeBehaviour | (() => FakeBehaviour)) => void (fallback = behaviour),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export type FakeAnthropic = Awaited<ReturnType<typeof startFakeAnthropic>>;

function rateLimitHeaders() {
  return {
    "anthropic-ratelimit-requests-remaining": "49",
    "anthropic-ratelimit-tokens-remaining": "39000",
    "anthropic-ratelimit-requests-reset": new Date(Date.now() + 60_000).toISOString(),
  };
}

function sendError(res: ServerResponse, status: number, retryAfterSeconds?: number, retryAfterMs?: number) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  if (retryAfterMs !== undefined) headers["retry-after-ms"] = String(retryAfterMs);
  res.writeHead(status, headers);
  res.end(JSON.stringify({ type: "error", error: { type: ERROR_TYPES[status] ?? "not_found_error", message: `fake ${status}` } }));
}
