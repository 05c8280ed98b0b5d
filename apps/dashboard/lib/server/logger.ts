import "server-only";
import { agentsEnv, chooseLogFormat, createLogger, type Logger } from "@switchyard/agents";

const globalForLogger = globalThis as unknown as { switchyardLogger?: Logger };

/**
 * The dashboard server's structured log (pino): JSON lines in production, pretty in development, secrets
 * censored by the logger's own redaction. One per server process.
 */
export function logger(): Logger {
  if (!globalForLogger.switchyardLogger) {
    const env = agentsEnv();
    globalForLogger.switchyardLogger = createLogger({
      name: "dashboard",
      level: env.LOG_LEVEL,
      format: chooseLogFormat({
        configured: env.LOG_FORMAT,
        nodeEnv: process.env.NODE_ENV,
        isTerminal: process.stdout.isTTY,
      }),
    });
  }
  return globalForLogger.switchyardLogger;
}
