import type { Logger } from "pino";
import type { AlertChannel, AlertMessage } from "./alert-channel.ts";

/**
 * Reports each message sent, or given up on, to the metrics: the shape of Telemetry.alertSent
 * (src/core/telemetry.ts, "alerts sent by channel and outcome"); a send that will be tried again
 * is not reported until it is sent or given up.
 */
export type AlertSentHook = (alert: { channel: string; outcome: "sent" | "failed" }) => void;

export interface AlertOutbox {
  /** Queues a message for every channel. */
  enqueue(message: AlertMessage): void;
  /** Sends what is due, in order, per channel; a channel that asked to wait is left until then. */
  flush(): Promise<void>;
  /** Messages not sent yet. */
  readonly size: number;
}

interface Queued {
  message: AlertMessage;
  tries: number;
}

const MAX_TRIES = 5;
const MAX_QUEUED = 100;
const BACKOFF_MS = 30_000;

/**
 * The messages waiting to go out, per channel. A Telegram 429 holds that channel until its
 * retry_after has passed on the clock (no sleeping: the next flush after it sends); other
 * failures worth retrying back off, up to five tries; the rest are logged and dropped.
 */
export function createAlertOutbox(deps: {
  channels: () => readonly AlertChannel[];
  now: () => number;
  log: Logger;
  onSent?: AlertSentHook | undefined;
}): AlertOutbox {
  const queues = new Map<string, Queued[]>();
  const blockedUntil = new Map<string, number>();
  let flushing: Promise<void> | undefined;

  const sendChannel = async (channel: AlertChannel) => {
    const queue = queues.get(channel.name) ?? [];
    while (queue.length > 0) {
      if ((blockedUntil.get(channel.name) ?? 0) > deps.now()) return;
      const head = queue[0] as Queued;
      const result = await channel.send(head.message, AbortSignal.timeout(30_000));
      const about = {
        channel: channel.name,
        issue_id: head.message.issue_id,
        stage: head.message.stage,
      };
      if (result.ok) {
        queue.shift();
        deps.onSent?.({ channel: channel.name, outcome: "sent" });
        deps.log.info({ ...about, code: "alert_sent" }, "alert sent");
        continue;
      }
      head.tries += 1;
      if (result.retryable && head.tries < MAX_TRIES) {
        const wait = result.retryAfterMs ?? BACKOFF_MS * head.tries;
        blockedUntil.set(channel.name, deps.now() + wait);
        deps.log.warn({ ...about, code: result.code, retry_in_ms: wait }, result.message);
        return;
      }
      queue.shift();
      deps.onSent?.({ channel: channel.name, outcome: "failed" });
      deps.log.error({ ...about, code: result.code }, `alert not sent: ${result.message}`);
    }
  };

  return {
    enqueue(message) {
      for (const channel of deps.channels()) {
        const queue = queues.get(channel.name) ?? [];
        queue.push({ message, tries: 0 });
        if (queue.length > MAX_QUEUED) {
          queue.shift();
          deps.log.error(
            { channel: channel.name, code: "alert_dropped" },
            "alert queue full: the oldest message was dropped",
          );
        }
        queues.set(channel.name, queue);
      }
    },
    flush() {
      flushing ??= Promise.all(deps.channels().map(sendChannel))
        .then(() => undefined)
        .finally(() => (flushing = undefined));
      return flushing;
    },
    get size() {
      return [...queues.values()].reduce((n, q) => n + q.length, 0);
    },
  };
}
