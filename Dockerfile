# Arbor as a container: a multi-stage build of the standalone server, run as a non-root user.
#   docker build -t arbor .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e ARBOR_ALLOWED_HOSTS=arbor.example.com arbor
# Without DATABASE_URL it keeps its data in the embedded database under /data (mount a volume there).

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:20-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    ARBOR_DATA_DIR=/data
RUN groupadd --system arbor && useradd --system --gid arbor --home /app arbor \
    && mkdir -p /data && chown arbor:arbor /data
# The standalone server carries the node_modules it needs, the static files and the migrations (npm run build).
COPY --from=build --chown=arbor:arbor /app/.next/standalone ./
USER arbor
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The launcher listens on HOST:PORT, lets SIGTERM drain running nodes (ARBOR_SHUTDOWN_GRACE_S), then exits.
CMD ["node", "arbor-server.mjs"]
