# One image for every Node service of the graph; docker-compose picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# The project's own `prepare` (the playground bundle) needs the sources, so it runs after they are copied.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY . .
RUN npm run build:playground
USER node
# Overridden per service in docker-compose.yml.
CMD ["npx", "tsx", "runtime/bin/gateway.ts"]
