import { createRoute, z } from '@hono/zod-openapi';
import { isoDateSchema } from '../../model/schemas/common.js';
import { listFactsSchema, putFactSchema } from '../../model/schemas/fact.js';
import type { RestApi } from '../env.js';
import { factSchema } from '../schemas/fact.js';
import { bodyErrorResponses, errorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { factParams, scopeParams } from './params.js';
import { queryBoolean } from './query.js';

const base = '/v1/scopes/{externalId}/facts';
const tags = ['facts'];

const listQuery = listFactsSchema.omit({ externalId: true }).extend({ includeHistory: queryBoolean.optional() });
const getQuery = z.strictObject({ asOf: isoDateSchema.optional() });

export function registerFactRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'put',
      path: `${base}/{key}`,
      operationId: 'putFact',
      summary: 'Write a fact; a new value closes the previous version (kept in the history)',
      tags,
      request: { params: factParams, body: jsonBody(putFactSchema.omit({ externalId: true, key: true })) },
      responses: { 200: jsonResponse('the current version', factSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').putFact({ ...c.req.valid('json'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{key}`,
      operationId: 'getFact',
      summary: 'The current version of a fact, or the version valid at asOf',
      tags,
      request: { params: factParams, query: getQuery },
      responses: { 200: jsonResponse('the version', factSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').getFact({ ...c.req.valid('query'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{key}/history`,
      operationId: 'factHistory',
      summary: 'Every version of a fact, oldest first',
      tags,
      request: { params: factParams },
      responses: { 200: jsonResponse('the versions, oldest first', z.object({ versions: z.array(factSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ versions: await c.get('mem').factHistory(c.req.valid('param')) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: base,
      operationId: 'listFacts',
      summary: "List the scope's current facts (with includeHistory=true, every version)",
      tags,
      request: { params: scopeParams, query: listQuery },
      responses: { 200: jsonResponse('the facts', z.object({ facts: z.array(factSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ facts: await c.get('mem').listFacts({ ...c.req.valid('query'), ...c.req.valid('param') }) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{key}`,
      operationId: 'deleteFact',
      summary: 'Delete every version of a fact',
      tags,
      request: { params: factParams },
      responses: { 204: { description: 'deleted' }, ...errorResponses },
    }),
    async (c) => {
      await c.get('mem').deleteFact(c.req.valid('param'));
      return c.body(null, 204);
    },
  );
}
