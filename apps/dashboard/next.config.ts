import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@switchyard/db", "@switchyard/agents"],
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bullmq", "ioredis"],
  typedRoutes: false,
};

export default config;
