/** The worker entry of @switchyard/agents: what a process that runs agent jobs needs (`pnpm worker`). */
export { createAdapterRegistry } from "./adapter-registry";
export { createAgentWorker, providerBackoff, type AgentWorkerOptions } from "./create-agent-worker";
export { type AgentJobDeps, type AgentJobOutcome, runAgentJob } from "./run-agent-job";
export { agentsEnv, batchSettings, laneSettings, workerDbPoolSize } from "../env";
export { type BatchCoordinator, createBatchCoordinator } from "./batch/batch-coordinator";
export { ApprovedExamples } from "./approved-examples";
