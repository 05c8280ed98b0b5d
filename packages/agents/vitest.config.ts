import { defineProject } from "vitest/config";
import { sharedTestOptions } from "../../vitest.shared.ts";

export default defineProject({
  test: { name: "agents", include: ["src/**/*.test.ts", "test/**/*.test.ts"], ...sharedTestOptions },
});
