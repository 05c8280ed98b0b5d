import { defineConfig } from "vitest/config";
import { sharedTestOptions } from "./vitest.shared.ts";

/** Tests run against a database of their own, migrated once per run by the global setup. */
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    globalSetup: ["./test/global-setup.ts"],
    ...sharedTestOptions,
  },
});
