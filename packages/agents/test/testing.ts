/** Test helpers other packages' integration tests use (never imported by production code). */
export { startHarness, waitForRuns, type Harness } from "./harness";
export { createTestApiKey, createTestTenant, createTestRuns, ledgerSum } from "./fixtures";
export { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
export { createSimulatedBatchAdapter } from "../src/adapters/simulated-batch-adapter";
export { createBatchCoordinator } from "../src/worker/batch/batch-coordinator";
export { ApprovedExamples } from "../src/worker/approved-examples";
export { throttleLane } from "../src/queues/lane-status";
export { startWorkerProcess } from "./worker-process";
export { parsePrometheus, sumOf, type Sample } from "./prometheus-text";
export { startFakeAnthropic, type FakeAnthropic } from "./fake-anthropic/server";
export { recordScenario, scale } from "./reliability/scenario-report";
export { auditTenants } from "./reliability/audit";
export { HOSTILE_STRINGS } from "./reliability/hostile-strings";
export { startOwnPostgres, startOwnRedis, type OwnPostgres, type OwnRedis } from "./own-services";
