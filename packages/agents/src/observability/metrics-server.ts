import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

/**
 * The worker's own small HTTP server: `GET /metrics` (Prometheus text format) and `GET /health` (200 while
 * the process serves). Bind it where only the scraper reaches it; it carries no tenant data.
 */
export async function startMetricsServer(registry: Registry, port: number, host = "0.0.0.0"): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET") {
      response.writeHead(405).end();
      return;
    }
    if (path === "/health") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (path !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : "metrics failed"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}
