import { createRoute } from '@hono/zod-openapi';
import type { RestApi } from '../env.js';
import { memStatusSchema } from '../schemas/status.js';
import { errorResponses, jsonResponse } from './openapi-parts.js';

export function registerStatusRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/v1/status',
      operationId: 'status',
      summary: 'The store (kind, vectors, schema version, connections), the embedder and the model in use',
      tags: ['status'],
      responses: { 200: jsonResponse('the status', memStatusSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').status(), 200),
  );
}
