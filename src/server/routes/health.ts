import { createRoute, z } from '@hono/zod-openapi';
import type { RestApi } from '../env.js';
import { jsonResponse } from './openapi-parts.js';

const tags = ['health'];

/** Liveness and readiness; they need no API key. */
export function registerHealthRoutes(api: RestApi, ping: () => Promise<void>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'Answers while the process runs',
      tags,
      security: [],
      responses: { 200: jsonResponse('running', z.object({ status: z.literal('ok') })) },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'readiness',
      summary: 'Answers ready when the store does',
      tags,
      security: [],
      responses: {
        200: jsonResponse('the store answers', z.object({ status: z.literal('ready') })),
        503: jsonResponse('the store does not answer', z.object({ status: z.literal('unavailable') })),
      },
    }),
    async (c) => {
      try {
        await ping();
        return c.json({ status: 'ready' as const }, 200);
      } catch (error) {
        c.get('log').warn({ err: error }, 'store did not answer the readiness check');
        return c.json({ status: 'unavailable' as const }, 503);
      }
    },
  );
}
