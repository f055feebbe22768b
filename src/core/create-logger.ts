import { pino, type Logger } from "pino";

/**
 * pino JSON logs, with credential fields censored, and every line passed through `mask` (the
 * config's secrets in all their encodings) as it is written, so a secret inside a message, an
 * error or any field is masked too. Requests are logged by their path only (see createApp), since
 * senders put shared secrets in the query string.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  mask?: (text: string) => string,
): Logger {
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
      ...(mask ? { hooks: { streamWrite: (line: string) => maskLine(line, mask) } } : {}),
    },
    destination,
  );
}

/** A masked line that is no longer JSON (a secret spanning quotes) is masked value by value instead. */
function maskLine(line: string, mask: (text: string) => string): string {
  const masked = mask(line);
  if (masked === line) return line;
  try {
    JSON.parse(masked);
    return masked;
  } catch {
    return `${JSON.stringify(JSON.parse(line), (_key, value: unknown) =>
      typeof value === "string" ? mask(value) : value,
    )}\n`;
  }
}
