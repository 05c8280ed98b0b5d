import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** Seconds: from a cached Haiku caption to a long Opus piece with continuations. */
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160, 320];
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 3600];
const CALL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160];

/**
 * What one worker process did, for Prometheus: each process counts its own work, and a `sum` over the
 * fleet gives the totals. Labels are bounded sets only — lane, role, model, outcome, status, reason — never
 * tenant or run ids (those are on the log lines), so the series count does not grow with tenants.
 */
export class WorkerMetrics {
  readonly registry: Registry;
  readonly jobs: Counter<"lane" | "role" | "model" | "outcome">;
  readonly jobDuration: Histogram<"lane" | "role" | "model" | "outcome">;
  readonly queueWait: Histogram<"lane">;
  readonly providerCallDuration: Histogram<"model" | "status">;
  readonly providerErrors: Counter<"model" | "status">;
  readonly tokens: Counter<"model" | "kind">;
  readonly cost: Counter<"model">;
  readonly refusals: Counter<"reason">;
  readonly judgeOutcomes: Counter<"status">;

  constructor({ registry = new Registry(), isProcessIncluded = false } = {}) {
    this.registry = registry;
    const registers = [registry];
    if (isProcessIncluded) collectDefaultMetrics({ register: registry, prefix: "switchyard_worker_" });
    this.jobs = new Counter({
      name: "switchyard_jobs_total",
      help: "Job executions by lane, role, the model that served them (none if no call) and outcome",
      labelNames: ["lane", "role", "model", "outcome"],
      registers,
    });
    this.jobDuration = new Histogram({
      name: "switchyard_job_duration_seconds",
      help: "Wall time of one job execution, from the worker taking it to its outcome",
      labelNames: ["lane", "role", "model", "outcome"],
      buckets: JOB_BUCKETS,
      registers,
    });
    this.queueWait = new Histogram({
      name: "switchyard_queue_wait_seconds",
      help: "Time a job waited in its lane before a worker first took it (first attempts only)",
      labelNames: ["lane"],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.providerCallDuration = new Histogram({
      name: "switchyard_provider_call_duration_seconds",
      help: "Latency of one provider call (Messages API or the simulated provider) by model and status",
      labelNames: ["model", "status"],
      buckets: CALL_BUCKETS,
      registers,
    });
    this.providerErrors = new Counter({
      name: "switchyard_provider_errors_total",
      help: "Failed provider calls by model and status (HTTP status, or the failure kind when there was none)",
      labelNames: ["model", "status"],
      registers,
    });
    this.tokens = new Counter({
      name: "switchyard_tokens_total",
      help: "Tokens of settled runs by the model routed to and kind (input, output, cache_read, cache_write)",
      labelNames: ["model", "kind"],
      registers,
    });
    this.cost = new Counter({
      name: "switchyard_cost_usd_total",
      help: "Credits charged at settlement (generation and judge) by the model the run was routed to, in USD",
      labelNames: ["model"],
      registers,
    });
    this.refusals = new Counter({
      name: "switchyard_refusals_total",
      help: "Runs refused before any model call, by reason",
      labelNames: ["reason"],
      registers,
    });
    this.judgeOutcomes = new Counter({
      name: "switchyard_judge_outcomes_total",
      help: "What became of the LLM judge on settled runs (scored, not_sampled, failed, ...)",
      labelNames: ["status"],
      registers,
    });
  }
}
