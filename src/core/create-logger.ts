import { pino, type Logger } from "pino";

/**
 * pino JSON logs, with credential fields censored. Requests are logged by their path only (see
 * createApp), since senders put shared secrets in the query string.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "botbridge" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "req.headers.authorization",
          "req.headers.cookie",
          "req.headers['x-api-key']",
          "*.client_secret",
          "*.token",
          "*.access_token",
          "*.password",
        ],
        censor: "***",
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
