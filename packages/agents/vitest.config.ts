import { defineProject } from "vitest/config";
import { sharedTestOptions } from "../../vitest.shared";

export default defineProject({
  test: { name: "agents", include: ["src/**/*.test.ts", "test/**/*.test.ts"], ...sharedTestOptions },
});
