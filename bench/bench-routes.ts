import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const SOURCE = "shop";

/**
 * The routes file every phase runs: one source, one route that matches the bench body, one
 * HTTP action. TARGET_URL and TARGET_DRY_RUN choose between a dry run (ingest phases: every
 * delivery records what it would send) and a real call to the zero-latency fake (drain, end to
 * end). The action sends the event's id, so the end-to-end phase can count what arrived.
 */
export function writeBenchRoutes(dir: string): string {
  const file = join(dir, "routes.yaml");
  writeFileSync(
    file,
    `version: 1
admin:
  token_file: ${join(dir, "admin-token")}
delivery:
  concurrency: \${BENCH_DELIVERY_CONCURRENCY:-16}
targets:
  sink:
    type: http
    base_url: \${TARGET_URL:-http://127.0.0.1:9}
    dry_run: \${TARGET_DRY_RUN:-true}
sources:
  ${SOURCE}:
routes:
  - id: orders
    source: ${SOURCE}
    when: { equals: { body.type: order.created } }
    actions:
      - http.request:
          method: POST
          path: /orders
          body: { event: "{{ event.id }}", order: "{{ body.order.id }}", total: "{{ body.order.total }}", email: "{{ body.customer.email }}" }
`,
  );
  return file;
}

/** A webhook body of about `bytes` bytes of JSON, shaped like a shop's order notification. */
export function benchBody(bytes = 1024): string {
  const body = {
    type: "order.created",
    order: { id: "ord_100234", total: "149.90", currency: "EUR", items: 3 },
    customer: { name: "Jane Example", email: "jane@example.com", phone: "+49 30 1234567" },
    note: "",
  };
  const empty = JSON.stringify(body).length;
  body.note = "x".repeat(Math.max(0, bytes - empty));
  return JSON.stringify(body);
}
