import { defineConfig } from "tsup";

/**
 * `pnpm build`: the worker and the CLI as plain JavaScript for production (`node dist/worker.js`), with the
 * workspace's own TypeScript (@switchyard/db and its generated Prisma client) compiled in and every npm
 * dependency left as an import, so an image installs them as usual. tsx stays for development.
 */
export default defineConfig({
  entry: { worker: "src/worker.ts", cli: "src/cli.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/^@switchyard\//],
});
