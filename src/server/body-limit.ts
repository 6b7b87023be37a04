import type { Context, MiddlewareHandler } from 'hono';

/** Bytes of an oversize body read and dropped before answering; past this the connection is closed instead. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/**
 * Passes on a request body of at most `maxBytes`; a larger one gets `tooLarge(c)`. The rest of an
 * oversize body is read and dropped first: answering early would leave its bytes on a keep-alive
 * connection, and the Node adapter then closes that connection under the client's next request.
 */
export function limitBody(maxBytes: number, tooLarge: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    const declared = c.req.header('transfer-encoding') ? undefined : c.req.header('content-length');
    // Node ends a body at its declared length, so a small declared one needs no counting.
    if (!body || (declared !== undefined && Number(declared) <= maxBytes)) return next();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size <= maxBytes) chunks.push(read.value);
      else if (size > maxBytes + MAX_DISCARDED_BYTES) {
        c.header('Connection', 'close');
        return tooLarge(c);
      }
    }
    if (size > maxBytes) return tooLarge(c);
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
    return next();
  };
}
