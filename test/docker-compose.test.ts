import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { storageSchema } from "../src/store/storage-schema.ts";

/**
 * docker-compose.yml is the documented way to run several instances (no Docker engine runs in
 * CI): its services must fit together as docs/scaling.md says.
 */
interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
const root = new URL("../", import.meta.url);
const compose = parse(readFileSync(new URL("docker-compose.yml", root), "utf8"), {
  merge: true,
}) as { services: Record<string, Service> };
const nginx = readFileSync(new URL("deploy/nginx.conf", root), "utf8");
const replicas = ["botbridge-1", "botbridge-2"];

describe("docker-compose.yml", () => {
  it.each(replicas)(
    "%s is built from the repo, on PostgreSQL, started once it is healthy",
    (name) => {
      const service = compose.services[name]!;
      expect(service.build).toBe(".");
      const url = new URL(service.environment!.BOTBRIDGE_DATABASE_URL!.replace(/\$\{[^}]+\}/, "x"));
      expect(url.protocol).toBe("postgres:");
      expect(url.hostname).toBe("postgres");
      expect(storageSchema.parse({ url: url.toString() }).url).toBe(url.toString());
      expect(url.pathname).toBe(`/${compose.services.postgres!.environment!.POSTGRES_DB}`);
      expect(service.depends_on?.postgres?.condition).toBe("service_healthy");
      expect(service.healthcheck?.test.join(" ")).toContain("/readyz");
      expect(service.volumes).toContain("./routes.yaml:/app/routes.yaml:ro");
    },
  );

  it("has PostgreSQL with a health check", () => {
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(compose.services.postgres!.healthcheck?.test).toContain("pg_isready");
  });

  it("puts both instances behind the proxy, which waits for them", () => {
    const proxy = compose.services.proxy!;
    expect(proxy.volumes).toContain("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro");
    expect(Object.keys(proxy.depends_on ?? {}).sort()).toEqual(replicas);
    const upstream = [...nginx.matchAll(/^\s*server (\S+):8080/gm)].map((m) => m[1]);
    expect(upstream).toEqual(replicas);
  });
});
