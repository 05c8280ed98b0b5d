/** Test helpers other packages' integration tests use (never imported by production code). */
export { startHarness, waitForRuns, type Harness } from "./harness";
export { createTestTenant, createTestRuns, ledgerSum } from "./fixtures";
export { createSimulatedAdapter } from "../src/adapters/simulated-adapter";
export { throttleLane } from "../src/queues/lane-status";
