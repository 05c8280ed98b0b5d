import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_ERROR_CODES, type FakeSieBehaviour } from "./behaviours";
import { answer, detail, type FakeAnswer } from "./handlers";
import type { FakeTask } from "./models";

export type { FakeSieBehaviour } from "./behaviours";

export interface FakeSieRequest {
  path: string;
  task: FakeTask | "embeddings";
  model: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export interface FakeSie {
  baseUrl: string;
  /** Every request the fake routed, in arrival order. */
  requests: FakeSieRequest[];
  /** Behaviours used by the next requests, one each, before the default. */
  enqueue(...behaviours: FakeSieBehaviour[]): void;
  setDefault(behaviour: FakeSieBehaviour): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v1\/(encode|score|extract)\/(.+)$/;

/**
 * A local stand-in for SIE on 127.0.0.1 and an ephemeral port: the four inference endpoints with
 * deterministic answers (see handlers.ts), SIE's error envelopes, and switchable faults. Like SIE it
 * answers msgpack unless the request accepts JSON, so a client that forgets the header fails here too.
 */
export async function startFakeSie(): Promise<FakeSie> {
  const queue: FakeSieBehaviour[] = [];
  let fallback: FakeSieBehaviour = { kind: "ok" };
  const requests: FakeSieRequest[] = [];
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const route = routeOf(path);
    if (req.method !== "POST" || !route) {
      send(res, { status: 404, body: { detail: "Not Found" } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      send(res, detail(400, "INVALID_INPUT", "Request body is not JSON"));
      return;
    }
    const model = route.task === "embeddings" ? modelField(body) : route.model;
    requests.push({ path, task: route.task, model, headers: req.headers, body });
    await behave(queue.shift() ?? fallback, req, res, () => answer(route.task, model, body));
  }

  async function behave(
    behaviour: FakeSieBehaviour,
    req: IncomingMessage,
    res: ServerResponse,
    compute: () => FakeAnswer,
  ): Promise<void> {
    switch (behaviour.kind) {
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        if (req.destroyed || res.destroyed || res.writableEnded) return;
        return behave(behaviour.then ?? { kind: "ok" }, req, res, compute);
      case "error": {
        const code = behaviour.code ?? DEFAULT_ERROR_CODES[behaviour.status] ?? "INTERNAL_ERROR";
        const seconds = behaviour.retryAfterSeconds;
        const headers: Record<string, string> = seconds === undefined ? {} : { "retry-after": `${seconds}` };
        send(res, detail(behaviour.status, code, `fake ${behaviour.status}`), headers);
        return;
      }
      case "malformed":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(behaviour.variant === "truncated" ? '{"model":"x","items":[{"dense":{"dt' : '{"items":"none"}');
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "ok":
        if (!acceptsJson(req)) {
          res.writeHead(200, { "content-type": "application/msgpack" });
          res.end(Buffer.from([0x82, 0xa5, 0x6d, 0x6f, 0x64, 0x65, 0x6c]));
          return;
        }
        send(res, compute());
        return;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...behaviours) => void queue.push(...behaviours),
    setDefault: (behaviour) => void (fallback = behaviour),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function routeOf(path: string): { task: FakeTask | "embeddings"; model: string } | undefined {
  if (path === "/v1/embeddings") return { task: "embeddings", model: "" };
  const match = ROUTE.exec(path);
  if (!match) return undefined;
  // SIE routes the model as `{model:path}`: slashes are part of the id, escapes are decoded.
  return { task: match[1] as FakeTask, model: decodeURIComponent(match[2] ?? "") };
}

function modelField(body: unknown): string {
  const model = (body as { model?: unknown } | null)?.model;
  return typeof model === "string" ? model : "";
}

function acceptsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? "").includes("application/json");
}

function send(res: ServerResponse, { status, body }: FakeAnswer, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
