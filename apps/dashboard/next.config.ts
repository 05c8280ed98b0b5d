import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";
import type { NextConfig } from "next";

// One .env for the whole platform, at the repo root; real environment variables win.
loadDotenv({ path: fileURLToPath(new URL("../../.env", import.meta.url)), quiet: true });

const config: NextConfig = {
  // `next build` also writes .next/standalone: a server.js with only the files it needs traced in, which
  // production runs (`node .next/standalone/apps/dashboard/server.js`, the image's command). Tracing starts
  // at the repo root so the workspace packages come along.
  output: "standalone",
  outputFileTracingRoot: fileURLToPath(new URL("../..", import.meta.url)),
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@switchyard/db", "@switchyard/agents"],
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bullmq", "ioredis", "pino", "pino-pretty", "prom-client"],
};

export default config;
