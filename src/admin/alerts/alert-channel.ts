/** What an alert says, in every channel. */
export interface AlertMessage {
  /** opened: the first message of an issue; digest: a reminder while it lasts; resolved; test. */
  stage: "opened" | "digest" | "resolved" | "test";
  /** The condition (deliveries_failing, target_paused, ...; `test` for a test message). */
  kind: string;
  /** The route, target or host the issue is about ("" when none). */
  subject: string;
  /** The plain text, in the configured language, the link included. */
  text: string;
  /** The console page of the problem. */
  link: string;
  issue_id: string | null;
  opened_at: string | null;
}

/** A send's outcome: sent, or why not, with what the operator should do about it. */
export type SendResult =
  | { ok: true }
  | {
      ok: false;
      /** Stable lower_snake code, e.g. telegram_chat_not_found. */
      code: string;
      /** What went wrong and what to fix, secrets masked. */
      message: string;
      /** The channel asked to wait this long (Telegram's parameters.retry_after). */
      retryAfterMs?: number;
      /** Worth trying again later (network errors, 5xx, 429). */
      retryable: boolean;
    };

/** One configured channel. */
export interface AlertChannel {
  /** Its name under alerts.channels (telegram, webhook). */
  name: string;
  send(message: AlertMessage, signal?: AbortSignal): Promise<SendResult>;
}
