# One image for every Node service of the graph; docker-compose and the Kubernetes manifests pick the entry point.

# Build: every dependency, the TypeScript compiled to dist/, the playground bundled.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The project's own `prepare` (the playground bundle) needs the sources, so scripts run after they are copied.
RUN npm ci --ignore-scripts
COPY . .
RUN npm rebuild esbuild && npm run build && npm run build:playground

# Run: production dependencies only, compiled JavaScript, no compiler at start.
FROM node:20-bookworm-slim
# tini is PID 1: it passes SIGTERM on to node (which drains, see README "Running in production") and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/gateway/playground/dist ./gateway/playground/dist
COPY schema ./schema
COPY operations ./operations
COPY persisted-queries ./persisted-queries
# The development signing key of a local stack lives here (a volume in docker-compose.yml), writable by the node user.
RUN mkdir -p .data/keys && chown -R node:node .data
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
# Overridden per service in docker-compose.yml and the Kubernetes manifests.
CMD ["node", "dist/runtime/bin/gateway.js"]
