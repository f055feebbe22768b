import { sinkRoutes } from "./sink-routes.ts";

/**
 * routes.yaml for the load tests that kill a spawned server mid-way (crash, multi-instance): the
 * sink routes, logging warnings only, with a short lease so the deliveries a killed process held
 * are taken up again within seconds, and the posted `n` as dedupe key so that a sender's repeat
 * of a webhook whose answer it lost is not a second event. `orderByKey` runs the deliveries of
 * one `body.key` one at a time and forwards that key to the sink with `n`.
 */
export function loadTestRoutes(options: { pollInterval: string; orderByKey?: boolean }): string {
  return sinkRoutes({
    settings: "server: { host: 127.0.0.1, log_level: warn }",
    delivery: `poll_interval: ${options.pollInterval}, retry: [200ms], concurrency: 16, lease: 2s`,
    target: "timeout: 5s",
    source: 'dedupe: "{{ body.n }}"',
    ...(options.orderByKey
      ? {
          route: 'order_by: "{{ body.key }}"',
          body: '{ n: "{{ body.n }}", key: "{{ body.key }}" }',
        }
      : {}),
  });
}
