import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorCode, errorCatalogue } from '../errors/catalogue';

/** The catalogue's error for what Node's HTTP parser refused, by the parser's error code. */
function errorCodeOf(parserError: string | undefined): ErrorCode {
  if (parserError === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (parserError === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

/**
 * Answers the requests Node's HTTP parser refuses before the application sees them (headers past 16 KB, a broken
 * request line, a request that took too long) as the API answers any error, `{error, code}` in JSON, where Node would
 * send a bare status line.
 */
export function answerMalformedRequestsInJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const code = errorCodeOf(error.code);
    const { status, message } = errorCatalogue[code];
    const body = JSON.stringify({ error: message, code });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
