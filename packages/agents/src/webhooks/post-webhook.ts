import http from "node:http";
import https from "node:https";
import { assertLiteralHostAllowed, publicOnlyLookup } from "./webhook-target";

export interface PostOptions {
  /** False in production unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true: every resolved address must be public. */
  isPrivateTargetAllowed: boolean;
  timeoutMs: number;
}

export type PostResult = { statusCode: number; isOk: boolean; bodyStart: string } | { error: Error };

/** Of the receiver's answer, only this much is kept for the delivery log. */
const KEPT_BODY_CHARS = 300;

/**
 * One POST of a signed body. Any 2xx is a delivery; redirects are not followed (a redirect could lead to an
 * address the target check never saw). Never throws: a refusal, a timeout or a reset comes back as `error`.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
      if (!options.isPrivateTargetAllowed) assertLiteralHostAllowed(target);
    } catch (error) {
      resolve({ error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
        timeout: options.timeoutMs,
        ...(!options.isPrivateTargetAllowed && { lookup: publicOnlyLookup() }),
      },
      (response) => {
        let bodyStart = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (bodyStart.length < KEPT_BODY_CHARS) bodyStart += chunk.slice(0, KEPT_BODY_CHARS - bodyStart.length);
        });
        response.on("end", () => {
          const statusCode = response.statusCode ?? 0;
          resolve({ statusCode, isOk: statusCode >= 200 && statusCode < 300, bodyStart });
        });
        response.on("error", (error) => resolve({ error }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on("error", (error) => resolve({ error }));
    request.end(body);
  });
}
