import { createRoute } from '@hono/zod-openapi';
import { addMessagesSchema } from '../../model/schemas/message.js';
import type { RestApi } from '../env.js';
import { addedMessagesSchema } from '../schemas/episode.js';
import { bodyErrorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { scopeParams } from './params.js';

export function registerMessageRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/v1/scopes/{externalId}/messages',
      operationId: 'addMessages',
      summary: 'Record chat messages as conversation turns of a session (a new one unless sessionId continues one)',
      tags: ['episodes'],
      request: { params: scopeParams, body: jsonBody(addMessagesSchema.omit({ externalId: true })) },
      responses: { 201: jsonResponse('the stored turns, in input order, and their session', addedMessagesSchema), ...bodyErrorResponses },
    }),
    async (c) => {
      const episodes = await c.get('mem').addMessages({ ...c.req.valid('json'), ...c.req.valid('param') });
      return c.json({ sessionId: episodes[0]!.sessionId!, episodes }, 201);
    },
  );
}
