import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";
import { sharedTestOptions } from "../../vitest.shared.ts";

export default defineProject({
  test: { name: "dashboard", include: ["test/**/*.test.ts"], ...sharedTestOptions },
  // Route handlers import "server-only", which only resolves under Next's server build.
  resolve: { alias: { "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)) } },
});
