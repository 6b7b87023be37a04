import { createRoute, z } from '@hono/zod-openapi';
import { createActiveMemorySchema, updateSectionSchema, updateSectionsSchema } from '../../model/schemas/active-memory.js';
import type { RestApi } from '../env.js';
import { activeMemorySchema, updateSectionsResultSchema } from '../schemas/active-memory.js';
import { bodyErrorResponses, errorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { memoryParams, scopeParams, sectionParams } from './params.js';

const base = '/v1/scopes/{externalId}/active-memories';
const tags = ['active memory'];

export function registerActiveMemoryRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: base,
      operationId: 'createActiveMemory',
      summary: 'Create an active memory from a template of sections',
      tags,
      request: { params: scopeParams, body: jsonBody(createActiveMemorySchema.omit({ externalId: true })) },
      responses: { 201: jsonResponse('the memory', activeMemorySchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').createActiveMemory({ ...c.req.valid('json'), ...c.req.valid('param') }), 201),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: base,
      operationId: 'getActiveMemories',
      summary: "List the scope's active memories",
      tags,
      request: { params: scopeParams },
      responses: { 200: jsonResponse('the memories', z.object({ memories: z.array(activeMemorySchema) })), ...errorResponses },
    }),
    async (c) => c.json({ memories: await c.get('mem').getActiveMemories(c.req.valid('param')) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{memoryId}`,
      operationId: 'getActiveMemory',
      summary: 'Get one active memory with its sections',
      tags,
      request: { params: memoryParams },
      responses: { 200: jsonResponse('the memory', activeMemorySchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').getActiveMemory(c.req.valid('param')), 200),
  );
  api.openapi(
    createRoute({
      method: 'delete',
      path: `${base}/{memoryId}`,
      operationId: 'deleteActiveMemory',
      summary: 'Delete an active memory and its short-term tier (promoted long-term knowledge stays)',
      tags,
      request: { params: memoryParams },
      responses: { 204: { description: 'deleted' }, ...errorResponses },
    }),
    async (c) => {
      await c.get('mem').deleteActiveMemory(c.req.valid('param'));
      return c.body(null, 204);
    },
  );
  api.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{memoryId}/sections`,
      operationId: 'updateActiveMemorySections',
      summary: 'Update a batch of sections atomically; the response carries consolidationInfo',
      tags,
      request: { params: memoryParams, body: jsonBody(updateSectionsSchema.omit({ externalId: true, memoryId: true })) },
      responses: { 200: jsonResponse('the memory and when it consolidates', updateSectionsResultSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').updateActiveMemorySections({ ...c.req.valid('json'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: `${base}/{memoryId}/sections/{sectionId}`,
      operationId: 'updateActiveMemorySection',
      summary: 'Replace the content of one section',
      tags,
      request: { params: sectionParams, body: jsonBody(updateSectionSchema.pick({ newContent: true })) },
      responses: { 200: jsonResponse('the memory and when it consolidates', updateSectionsResultSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').updateActiveMemorySection({ ...c.req.valid('json'), ...c.req.valid('param') }), 200),
  );
}
