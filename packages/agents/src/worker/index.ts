/** The worker entry of @switchyard/agents: what a process that runs agent jobs needs (`pnpm worker`). */
export { createAdapterRegistry } from "./adapter-registry";
export { createAgentWorker, providerBackoff, type AgentWorkerOptions } from "./create-agent-worker";
export { type AgentJobDeps, type AgentJobOutcome, runAgentJob } from "./run-agent-job";
export { agentsEnv, laneSettings, workerDbPoolSize } from "../env";
