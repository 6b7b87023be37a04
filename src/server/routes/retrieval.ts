import { createRoute } from '@hono/zod-openapi';
import { retrieveMemoriesSchema } from '../../model/schemas/retrieval.js';
import type { RestApi } from '../env.js';
import { searchResultsSchema } from '../schemas/retrieval.js';
import { bodyErrorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { scopeParams } from './params.js';

export function registerRetrievalRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/v1/scopes/{externalId}/search',
      operationId: 'retrieveMemories',
      summary: 'Hybrid search (vector + full text, fused) over the tiers asked for; each result says its tier, score and provenance',
      tags: ['retrieval'],
      request: { params: scopeParams, body: jsonBody(retrieveMemoriesSchema.omit({ externalId: true })) },
      responses: { 200: jsonResponse('the memories, best first', searchResultsSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json({ results: await c.get('mem').retrieveMemories({ ...c.req.valid('json'), ...c.req.valid('param') }) }, 200),
  );
}
