// Requests Node refuses before any route runs (a request line or headers over its limit, a malformed head, a head
// that does not arrive in time) get the same `{"error":{"code","message"}}` body as every other error, instead of
// Node's bare status line. Attached to the server's `clientError` event where the server is created (src/main.ts).
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors.ts';
import { errorBody, JSON_SECURITY_HEADERS, safeJson } from './json.ts';

/** The AppError for what Node's parser reported. */
export function clientErrorFor(error: NodeJS.ErrnoException): AppError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new AppError('HEADERS_TOO_LARGE', '请求行或请求头太长（例如网址中的查询过长），请缩短后再试。');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new AppError('REQUEST_TIMEOUT', '请求没有及时送达，请重试。');
    default:
      return new AppError('BAD_REQUEST', '请求格式不正确。');
  }
}

/** The whole HTTP/1.1 response for `error`, with the JSON security headers, closing the connection. */
export function clientErrorResponse(error: AppError): string {
  const body = safeJson(errorBody(error.code, error.message));
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...JSON_SECURITY_HEADERS,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${error.status} ${http.STATUS_CODES[error.status] ?? 'Error'}\r\n${head}\r\n${body}`;
}

/** The `clientError` listener: answers in JSON when the socket can still take it, else just closes it. */
export function onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // After a reset, or on a socket no longer writable, there is nobody left to read a body.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(clientErrorFor(error)));
}
