# One image for every Node service of the graph; docker-compose picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER node
# Overridden per service in docker-compose.yml.
CMD ["npx", "tsx", "gateway/main.ts"]
