import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PromptCache } from "../../src/adapters/prompt-cache";
import { requestProblem } from "../../src/adapters/request-rules";
import type { FakeBehaviour } from "./behaviours";
import { type BatchReply, createFakeBatches } from "./batches";
import { composeMessage } from "./compose-message";
import { rateLimitHeaders, sendError, sendJson } from "./http";
import { type MessageBody, parseMessageBody } from "./request-body";
import { streamEvents } from "./stream-events";

export type { FakeBehaviour } from "./behaviours";
export type { FakeBatchOutcome } from "./batches";

export interface RecordedRequest {
  headers: IncomingMessage["headers"];
  body: Pick<MessageBody, "model" | "max_tokens" | "stream" | "system" | "tools" | "tool_choice"> & {
    messages: unknown[];
  };
  /** What the fake billed, when it answered with a message: tests check charges against it. */
  usage?: { input_tokens: number; output_tokens: number };
}

export interface FakeAnthropicOptions {
  /** The clock of the prompt cache and of batches, in milliseconds. @defaultValue Date.now */
  now?: () => number;
}

/**
 * A local stand-in for the Anthropic Messages API on 127.0.0.1, so the real SDK can be tested offline:
 * POST /v1/messages (successes with documented prompt-cache semantics, tool calls, max_tokens stops and
 * prefills; every error the API sends, slow answers, dropped connections, garbled bodies and cut streams)
 * and the Message Batches endpoints. Behaviours queued with `enqueue` answer live calls first, in order;
 * then the default.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}) {
  const queue: FakeBehaviour[] = [];
  let fallback: FakeBehaviour | (() => FakeBehaviour) = { kind: "ok" };
  const requests: RecordedRequest[] = [];
  const cache = new PromptCache(options.now);
  let baseURL = "";
  const batches = createFakeBatches({ now: options.now ?? Date.now, cache, baseURL: () => baseURL });
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const route = `${req.method} ${path}`;
    if (route === "POST /v1/messages") return live(req, res, parseJson(chunks));
    const match = /^\/v1\/messages\/batches\/([^/]+)(\/results|\/cancel)?$/.exec(path);
    if (route === "POST /v1/messages/batches") reply(res, batches.create(parseJson(chunks)));
    else if (route === "GET /v1/messages/batches")
      reply(res, batches.list(new URL(req.url ?? "/", "http://fake").searchParams));
    else if (match && req.method === "GET" && !match[2]) reply(res, batches.retrieve(match[1]!));
    else if (match && req.method === "GET" && match[2] === "/results") reply(res, batches.results(match[1]!));
    else if (match && req.method === "POST" && match[2] === "/cancel") reply(res, batches.cancel(match[1]!));
    else sendError(res, 404, `No route ${route}.`);
  }

  async function live(req: IncomingMessage, res: ServerResponse, value: unknown) {
    const parsed = parseMessageBody(value);
    if ("problem" in parsed) {
      sendError(res, 400, parsed.problem);
      return;
    }
    const recorded: RecordedRequest = { headers: req.headers, body: parsed.body };
    requests.push(recorded);
    const behaviour = queue.shift() ?? (typeof fallback === "function" ? fallback() : fallback);
    await respond(behaviour, parsed.body, req, res, recorded);
  }

  async function respond(
    behaviour: FakeBehaviour,
    body: MessageBody,
    req: IncomingMessage,
    res: ServerResponse,
    recorded: RecordedRequest,
  ): Promise<void> {
    switch (behaviour.kind) {
      case "slow":
        await new Promise((r) => setTimeout(r, behaviour.delayMs));
        // The request stream is destroyed once its body is read; the socket says whether the client hung up.
        if (req.socket.destroyed || res.destroyed) return;
        return respond(behaviour.then, body, req, res, recorded);
      case "error":
        sendError(res, behaviour.status, undefined, behaviour);
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "malformed":
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"id":"msg_x","type":"message","content":[{"type":"te');
        return;
    }
    const problem = requestProblem(body);
    if (problem) {
      sendError(res, 400, problem);
      return;
    }
    const message = composeMessage(body, behaviour, cache);
    recorded.usage = message.usage;
    const headers = { ...rateLimitHeaders(), ...(behaviour.kind === "ok" ? behaviour.headers : {}) };
    if (behaviour.kind === "stream_cut") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const event of streamEvents(message).slice(0, 3)) res.write(sse(event));
      req.socket.destroy();
      return;
    }
    if (!body.stream) {
      sendJson(res, 200, message, headers);
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", ...headers });
    for (const event of streamEvents(message)) res.write(sse(event));
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseURL,
    requests,
    enqueue: (...behaviours: FakeBehaviour[]) => void queue.push(...behaviours),
    /** What to do when nothing is queued: one behaviour, or a function choosing one per request. */
    setDefault: (behaviour: FakeBehaviour | (() => FakeBehaviour)) => void (fallback = behaviour),
    /** Test controls of the batch endpoints: hold, release, setOutcome, expireAfter, created, reset. */
    batches: batches.controls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeAnthropic = Awaited<ReturnType<typeof startFakeAnthropic>>;

function parseJson(chunks: Buffer[]): unknown {
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

function sse([event, data]: [string, unknown]): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function reply(res: ServerResponse, answer: BatchReply): void {
  if ("jsonl" in answer) {
    res.writeHead(200, { "content-type": "application/x-jsonl" });
    res.end(answer.jsonl);
    return;
  }
  sendJson(res, answer.status, answer.json);
}
