import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Answers a request Node cannot parse (headers or URL over its 16 KiB limit, malformed HTTP) with
 * the JSON error body every other answer has, instead of Node's bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      error: tooLarge
        ? { code: 'headers_too_large', message: 'the request line and headers exceed 16 KiB' }
        : { code: 'bad_request', message: `the request is not valid HTTP (${error.code ?? 'parse error'})` },
    });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
