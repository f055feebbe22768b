# syntax=docker/dockerfile:1
# Every RUN here is also run as a plain command by .ci/docker-steps.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    BOTBRIDGE_CONFIG=/app/routes.yaml \
    BOTBRIDGE_DATABASE_URL=sqlite:/data/botbridge.db \
    PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json routes.yaml ./
COPY bin ./bin
COPY src ./src
COPY schema ./schema
RUN mkdir -p /data && chown node:node /data && ln -s /app/bin/botbridge.js /usr/local/bin/botbridge
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["botbridge"]
CMD ["serve"]
