import { createRoute, z } from '@hono/zod-openapi';
import type { RestApi } from '../env.js';
import { scopeSummarySchema } from '../schemas/scope.js';
import { errorResponses, jsonResponse } from './openapi-parts.js';
import { scopeParams } from './params.js';

const tags = ['scopes'];

export function registerScopeRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/v1/scopes',
      operationId: 'listScopes',
      summary: "The tenant's externalIds that own any memory, episode or fact, with counts",
      tags,
      responses: { 200: jsonResponse('the scopes', z.object({ scopes: z.array(scopeSummarySchema) })), ...errorResponses },
    }),
    async (c) => c.json({ scopes: await c.get('mem').listScopes() }, 200),
  );
  api.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/scopes/{externalId}',
      operationId: 'deleteScope',
      summary: 'Delete everything remembered about an externalId, in every tier',
      tags,
      request: { params: scopeParams },
      responses: { 204: { description: 'deleted' }, ...errorResponses },
    }),
    async (c) => {
      await c.get('mem').deleteScope(c.req.valid('param'));
      return c.body(null, 204);
    },
  );
}
