import { createRoute } from '@hono/zod-openapi';
import { contextForSchema, recordOutcomeSchema } from '../../model/schemas/integration.js';
import type { RestApi } from '../env.js';
import { episodeSchema } from '../schemas/episode.js';
import { memoryContextSchema } from '../schemas/retrieval.js';
import { bodyErrorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { scopeParams } from './params.js';

const scope = '/v1/scopes/{externalId}';
const tags = ['integrations'];

export function registerIntegrationRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: `${scope}/context`,
      operationId: 'contextFor',
      summary: 'The memories relevant to a task and a ready prompt block within maxTokens',
      tags,
      request: { params: scopeParams, body: jsonBody(contextForSchema.omit({ externalId: true })) },
      responses: { 200: jsonResponse('the memories and the prompt block', memoryContextSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').contextFor({ ...c.req.valid('json'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: `${scope}/outcomes`,
      operationId: 'recordOutcome',
      summary: 'Record how a task went (a task_outcome episode)',
      tags,
      request: { params: scopeParams, body: jsonBody(recordOutcomeSchema.omit({ externalId: true })) },
      responses: { 201: jsonResponse('the task_outcome episode', episodeSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').recordOutcome({ ...c.req.valid('json'), ...c.req.valid('param') }), 201),
  );
}
