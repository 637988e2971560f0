# One image for the gateway, every subgraph and the migration step; docker-compose.yml and the
# Kubernetes manifests pick the command. Node 24 LTS: the hub loads better-sqlite3 13 there, whose
# binary ships in its npm package, so no compiler is needed; better-sqlite3 12 (for Node 20 only)
# is an optional dependency that npm skips when it cannot install it (see docs/operations.md).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# patch-package applies patches/ on install (see docs/onboarding.md: exceljs's streaming fix, @apollo/gateway's operation built once)
COPY patches patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY gateway gateway
COPY subgraphs subgraphs
COPY scripts scripts
COPY client client
COPY web web
RUN npm run build && npm run build:web && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/web/dist web/dist
COPY package.json supergraph.graphql ./
USER node
# Liveness only (Kubernetes uses its own probes: /livez and /readyz); PORT as the service listens.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 4000}/livez`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Drained on SIGTERM: requests in flight finish within DRAIN_GRACE_MS (10 s by default).
STOPSIGNAL SIGTERM
