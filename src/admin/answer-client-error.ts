import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";

/** Node's HTTP parser's refusals, as [status, code, message]; its own statuses are kept. */
const REFUSALS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    "headers_too_large",
    "the request headers are larger than the server accepts",
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [
    413,
    "chunk_extensions_too_large",
    "the chunk extensions are larger than the server accepts",
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "request_timeout", "the request was not received in time"],
  HPE_INVALID_METHOD: [400, "invalid_method", "the request method is not one HTTP knows"],
};

/**
 * The server's 'clientError' listener: a request Node's HTTP parser refuses before Express sees
 * it (headers too large, an unknown method, malformed HTTP) is answered in the same
 * `{"error":{"code","message"}}` shape as every other error, with Node's status, then the
 * connection is closed. A connection already reset, or one whose response has begun, is only
 * destroyed (writing to it could corrupt what the client reads).
 */
export function answerClientError(log: Logger) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    const [status, code, message] = REFUSALS[error.code ?? ""] ?? [
      400,
      "malformed_request",
      `the request is not valid HTTP (${error.code ?? error.message})`,
    ];
    const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    log.warn({ code, status, cause: error.code }, "request refused by the HTTP parser");
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  };
}
