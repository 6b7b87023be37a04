import { createRoute, z } from '@hono/zod-openapi';
import { addEpisodesSchema, episodeInputSchema, listEpisodesSchema } from '../../model/schemas/episode.js';
import type { RestApi } from '../env.js';
import { episodePageSchema, episodeSchema } from '../schemas/episode.js';
import { bodyErrorResponses, errorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { episodeParams, scopeParams } from './params.js';
import { queryJson, queryList, queryNumber, queryPositiveInt } from './query.js';

const base = '/v1/scopes/{externalId}/episodes';
const tags = ['episodes'];

const listQuery = listEpisodesSchema.omit({ externalId: true }).extend({
  types: queryList.pipe(listEpisodesSchema.shape.types.unwrap()).optional(),
  statuses: queryList.pipe(listEpisodesSchema.shape.statuses.unwrap()).optional(),
  tags: queryList.pipe(listEpisodesSchema.shape.tags.unwrap()).optional(),
  minImportance: queryNumber.optional(),
  minConfidence: queryNumber.optional(),
  limit: queryPositiveInt.optional(),
  metadata: queryJson.pipe(listEpisodesSchema.shape.metadata.unwrap()).optional().openapi({ description: 'a JSON object of key → value pairs the metadata must hold, e.g. {"project":"apollo"}' }),
});

export function registerEpisodeRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: base,
      operationId: 'addEpisode',
      summary: 'Record one episode (event, preference, hypothesis, observation, task outcome, conversation turn)',
      tags,
      request: { params: scopeParams, body: jsonBody(episodeInputSchema) },
      responses: { 201: jsonResponse('the episode', episodeSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').addEpisode({ ...c.req.valid('json'), ...c.req.valid('param') }), 201),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: `${base}/batch`,
      operationId: 'addEpisodes',
      summary: 'Record many episodes at once',
      tags,
      request: { params: scopeParams, body: jsonBody(addEpisodesSchema.omit({ externalId: true })) },
      responses: { 201: jsonResponse('the episodes, in input order', z.object({ episodes: z.array(episodeSchema) })), ...bodyErrorResponses },
    }),
    async (c) => c.json({ episodes: await c.get('mem').addEpisodes({ ...c.req.valid('json'), ...c.req.valid('param') }) }, 201),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: base,
      operationId: 'listEpisodes',
      summary: 'Episodes newest first, filtered (lists are comma-separated), a page at a time',
      tags,
      request: { params: scopeParams, query: listQuery },
      responses: { 200: jsonResponse('a page of episodes', episodePageSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').listEpisodes({ ...c.req.valid('query'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{episodeId}`,
      operationId: 'getEpisode',
      summary: 'One episode (counts as an access)',
      tags,
      request: { params: episodeParams },
      responses: { 200: jsonResponse('the episode', episodeSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').getEpisode(c.req.valid('param')), 200),
  );
  api.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{episodeId}`,
      operationId: 'deleteEpisode',
      summary: 'Delete an episode',
      tags,
      request: { params: episodeParams },
      responses: { 204: { description: 'deleted' }, ...errorResponses },
    }),
    async (c) => {
      await c.get('mem').deleteEpisode(c.req.valid('param'));
      return c.body(null, 204);
    },
  );
}
