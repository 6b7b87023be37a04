import type { Context, MiddlewareHandler } from 'hono';

/** Bytes of an oversize body read and dropped before answering; past this the connection is closed instead. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

const isJson = (contentType: string | undefined) => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Reads a request body before any route does. One over `maxBytes` gets `tooLarge(c)`, after the
 * rest of it is read and dropped: answering early would leave its bytes on a keep-alive connection,
 * and the Node adapter then closes that connection under the client's next request. An empty body
 * sent as JSON stands for `{}`, so `POST …/consolidate` with only a Content-Type header works.
 */
export function bodyReader(maxBytes: number, tooLarge: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('transfer-encoding') ? NaN : Number(c.req.header('content-length'));
    // Node ends a body at its declared length, so a declared one within the limit needs no counting.
    if (declared > 0 && declared <= maxBytes) return next();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = c.req.raw.body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
      size += read.value.byteLength;
      if (size <= maxBytes) chunks.push(read.value);
      else if (size > maxBytes + MAX_DISCARDED_BYTES) {
        c.header('Connection', 'close');
        return tooLarge(c);
      }
    }
    if (size > maxBytes) return tooLarge(c);
    const body = size === 0 && isJson(c.req.header('content-type')) ? '{}' : Buffer.concat(chunks);
    c.req.raw = new Request(c.req.raw, { body });
    return next();
  };
}
