# Switchyard's two deployables from one build:
#   docker build --target dashboard -t switchyard-dashboard .   (the Next standalone server)
#   docker build --target worker    -t switchyard-worker .      (the compiled worker; also runs the migrations
#                                                                 as a one-shot: see docker-compose.yml, `migrate`)
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm --filter @switchyard/agents build \
  && SESSION_SECRET=build-time-placeholder-not-used-at-runtime pnpm --filter @switchyard/dashboard build
# Production dependencies of the worker; the db package with its CLI (prisma, tsx) for migrations and seed.
RUN pnpm --filter @switchyard/agents deploy --prod --legacy /out/worker \
  && pnpm --filter @switchyard/db deploy --legacy /out/db \
  && cp -r packages/agents/dist /out/worker/dist

FROM ${NODE_IMAGE} AS worker
ENV NODE_ENV=production WORKER_METRICS_PORT=9464
WORKDIR /app
COPY --from=build --chown=node:node /out/worker ./
COPY --from=build --chown=node:node /out/db ./db
USER node
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/worker.js"]

FROM ${NODE_IMAGE} AS dashboard
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /src/apps/dashboard/.next/standalone ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/dashboard/server.js"]
