import { type DestinationStream, pino, type Logger, type LoggerOptions } from "pino";
import pretty from "pino-pretty";

export type { Logger };
export type LogFormat = "json" | "pretty";

/**
 * Keys whose values never reach a log line, at any of the depths this code logs at. pino's own redaction
 * (fast-redact) replaces them before serialisation, so a secret passed by mistake is still censored.
 */
const SECRET_KEYS = [
  "apiKey",
  "api_key",
  "key",
  "authorization",
  "Authorization",
  "x-api-key",
  "cookie",
  "password",
  "passwordHash",
  "token",
  "secret",
  "ANTHROPIC_API_KEY",
  "SESSION_SECRET",
  "METRICS_TOKEN",
  "DATABASE_URL",
  "REDIS_URL",
];
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const at = (prefix: string) => (k.startsWith("[") ? `${prefix}${k}` : `${prefix}.${k}`);
  return [k, at("*"), at("*.*"), at("headers"), at("*.headers"), at("err.headers")];
});

export interface LoggerSettings {
  /** The process's name on every line (`worker`, `cli`, `dashboard`). */
  name: string;
  level?: string;
  /** JSON lines for machines (production), or pino-pretty's colours for people. @defaultValue "json" */
  format?: LogFormat;
  /** Where lines go. @defaultValue standard output */
  destination?: DestinationStream;
}

/** The one way Switchyard's processes make a logger; every line is JSON with time, level and name. */
export function createLogger({ name, level = "info", format = "json", destination }: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  // pino-pretty as a stream in this thread (not a transport): no worker thread to resolve inside bundles.
  if (format === "pretty") return pino(options, pretty({ colorize: true, sync: true, destination: destination }));
  return destination ? pino(options, destination) : pino(options);
}

/** LOG_FORMAT when set; otherwise JSON in production and wherever output is not a terminal, pretty for people. */
export function chooseLogFormat(settings: {
  configured?: LogFormat;
  nodeEnv?: string;
  isTerminal: boolean;
}): LogFormat {
  if (settings.configured) return settings.configured;
  return settings.nodeEnv !== "production" && settings.isTerminal ? "pretty" : "json";
}
