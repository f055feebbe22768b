/** The parts of the "forward every event to a sink" routes.yaml a test may change; each is YAML. */
export interface SinkRoutesOptions {
  /** Top-level sections before `delivery:`, e.g. `storage: { statement_timeout: 2s }`. */
  settings?: string;
  /** The entries of the `delivery:` flow mapping (default `poll_interval: 20ms`). */
  delivery?: string;
  /** More entries of the `sink` target's flow mapping, e.g. `rate_limit: 5`. */
  target?: string;
  /** Entries of the `forms` source's flow mapping, e.g. `dedupe: "{{ body.n }}"`. */
  source?: string;
  /** More sources, as lines under `sources:`. */
  sources?: string;
  /** More keys of the `forward` route, e.g. `order_by: "{{ body.key }}"`. */
  route?: string;
  /** The body posted to the sink, a flow mapping of templates (default `{ n: "{{ body.n }}" }`). */
  body?: string;
  /** More keys of the forward action item, one per entry, e.g. `id: hit`. */
  item?: string[];
  /** More action items after the forward one, as YAML lines under `actions:`. */
  actions?: string;
}

/**
 * routes.yaml of a bridge that forwards every event of the source `forms` to one HTTP target,
 * `sink` at `${TARGET_URL}`, as `POST /hit` with `body`: the set-up of the end-to-end tests that
 * are about delivery itself (outages, instances, limits, de-duplication) rather than one action.
 */
export function sinkRoutes(options: SinkRoutesOptions = {}): string {
  const target = options.target ? `, ${options.target}` : "";
  const source = options.source ? ` { ${options.source} }` : "";
  const route = options.route ? `    ${options.route}\n` : "";
  const body = options.body ?? '{ n: "{{ body.n }}" }';
  return `
version: 1
${options.settings ?? ""}
delivery: { ${options.delivery ?? "poll_interval: 20ms"} }
targets:
  sink: { type: http, base_url: "\${TARGET_URL}"${target} }
sources:
  forms:${source}
${options.sources ?? ""}
routes:
  - id: forward
    source: forms
${route}    actions:
      - ${(options.item ?? []).map((key) => `${key}\n        `).join("")}http.request: { method: POST, path: /hit, body: ${body} }
${options.actions ?? ""}`;
}
