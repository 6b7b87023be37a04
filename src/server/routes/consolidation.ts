import { createRoute, z } from '@hono/zod-openapi';
import { longTermQuerySchema, runsQuerySchema } from '../../model/schemas/consolidation.js';
import type { RestApi } from '../env.js';
import { consolidationRunSchema } from '../schemas/run.js';
import { longTermViewSchema, shortTermViewSchema } from '../schemas/tiers.js';
import { bodyErrorResponses, errorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { memoryParams, runParams, scopeParams } from './params.js';
import { queryBoolean, queryPositiveInt } from './query.js';

const tags = ['consolidation'];
const scope = '/v1/scopes/{externalId}';
const runsQuery = runsQuerySchema.omit({ externalId: true }).extend({ limit: queryPositiveInt.optional() });
const longTermQuery = longTermQuerySchema.omit({ externalId: true }).extend({ includeEnded: queryBoolean.optional() });

export function registerConsolidationRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: `${scope}/active-memories/{memoryId}/consolidate`,
      operationId: 'consolidate',
      summary: "Consolidate a memory's changed sections into short-term memory now (promoting to long-term when due); returns the run",
      tags,
      request: { params: memoryParams, body: jsonBody(z.strictObject({}), false) },
      responses: { 200: jsonResponse('the run', consolidationRunSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').consolidate(c.req.valid('param')), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${scope}/active-memories/{memoryId}/short-term`,
      operationId: 'getShortTermMemory',
      summary: "A memory's short-term tier: chunks, entities, relationships",
      tags,
      request: { params: memoryParams },
      responses: { 200: jsonResponse('the short-term tier', shortTermViewSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').getShortTermMemory(c.req.valid('param')), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${scope}/long-term`,
      operationId: 'getLongTermMemory',
      summary: 'The long-term tier, now or as it was at asOf',
      tags,
      request: { params: scopeParams, query: longTermQuery },
      responses: { 200: jsonResponse('the long-term tier', longTermViewSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').getLongTermMemory({ ...c.req.valid('query'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${scope}/consolidation-runs`,
      operationId: 'getConsolidationRuns',
      summary: 'Consolidation, promotion and sleep runs with counts, reports and errors, newest first',
      tags,
      request: { params: scopeParams, query: runsQuery },
      responses: { 200: jsonResponse('the runs', z.object({ runs: z.array(consolidationRunSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ runs: await c.get('mem').getConsolidationRuns({ ...c.req.valid('query'), ...c.req.valid('param') }) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${scope}/consolidation-runs/{runId}`,
      operationId: 'getConsolidationRun',
      summary: 'One run with its report',
      tags,
      request: { params: runParams },
      responses: { 200: jsonResponse('the run', consolidationRunSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').getConsolidationRun(c.req.valid('param')), 200),
  );
}
