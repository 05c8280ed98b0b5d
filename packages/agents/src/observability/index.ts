/** Logs and metrics: what every Switchyard process uses to tell operators what it is doing. */
export { chooseLogFormat, createLogger, type LogFormat, type Logger, REDACTED_PATHS } from "./logger";
export { startMetricsServer } from "./metrics-server";
export { WorkerMetrics } from "./worker-metrics";
