import { createRoute, z } from '@hono/zod-openapi';
import { emitEventSchema, registerSleepScopeSchema, runSleepCycleSchema, triggerManualSchema } from '../../model/schemas/sleep.js';
import type { RestApi } from '../env.js';
import { sleepRegistrationSchema, sleepReportSchema, sleepTaskSchema } from '../schemas/sleep.js';
import { bodyErrorResponses, errorResponses, jsonBody, jsonResponse } from './openapi-parts.js';
import { scopeParams } from './params.js';
import { queryPositiveInt } from './query.js';

const scope = '/v1/scopes/{externalId}';
const tags = ['sleep cycle'];
const reportsQuery = z.strictObject({ limit: queryPositiveInt.optional() });

export function registerSleepRoutes(api: RestApi): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: `${scope}/sleep`,
      operationId: 'runSleepCycle',
      summary: "Run a sleep cycle now: the scope's episodes become semantic facts; returns the report",
      tags,
      request: { params: scopeParams, body: jsonBody(runSleepCycleSchema.omit({ externalId: true }), false) },
      responses: { 200: jsonResponse('the report', sleepReportSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').runSleepCycle({ ...c.req.valid('json'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${scope}/sleep/reports`,
      operationId: 'getSleepReports',
      summary: 'Reports of finished sleep cycles, newest first',
      tags,
      request: { params: scopeParams, query: reportsQuery },
      responses: { 200: jsonResponse('the reports', z.object({ reports: z.array(sleepReportSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ reports: await c.get('mem').getSleepReports({ ...c.req.valid('query'), ...c.req.valid('param') }) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: `${scope}/sleep/triggers`,
      operationId: 'getSleepTriggers',
      summary: "The scope's sleep-cycle triggers: its own (source registered) or the defaults (source default)",
      tags,
      request: { params: scopeParams },
      responses: { 200: jsonResponse('the triggers', sleepRegistrationSchema), ...errorResponses },
    }),
    async (c) => c.json(await c.get('mem').sleepScheduler.getTriggers(c.req.valid('param')), 200),
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: `${scope}/sleep/triggers`,
      operationId: 'registerSleepTriggers',
      summary: "Set the scope's sleep-cycle triggers (interval, episode or byte quota, events) and the options of its triggered cycles; kept in the store",
      tags,
      request: { params: scopeParams, body: jsonBody(registerSleepScopeSchema.omit({ externalId: true })) },
      responses: { 200: jsonResponse('the triggers now', sleepRegistrationSchema), ...bodyErrorResponses },
    }),
    async (c) => c.json(await c.get('mem').sleepScheduler.registerScope({ ...c.req.valid('json'), ...c.req.valid('param') }), 200),
  );
  api.openapi(
    createRoute({
      method: 'delete',
      path: `${scope}/sleep/triggers`,
      operationId: 'deleteSleepTriggers',
      summary: "Remove the scope's own sleep-cycle triggers (the defaults apply again); 404 when it set none",
      tags,
      request: { params: scopeParams },
      responses: { 204: { description: 'removed' }, ...errorResponses },
    }),
    async (c) => {
      await c.get('mem').sleepScheduler.unregisterScope(c.req.valid('param'));
      return c.body(null, 204);
    },
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: `${scope}/sleep/queue`,
      operationId: 'queueSleepCycle',
      summary: "Queue a manual sleep cycle in the store for any server's worker (POST /sleep runs one and waits instead)",
      tags,
      request: { params: scopeParams, body: jsonBody(triggerManualSchema.omit({ externalId: true }), false) },
      responses: { 202: jsonResponse('the queued task', z.object({ task: sleepTaskSchema })), ...bodyErrorResponses },
    }),
    async (c) => c.json({ task: await c.get('mem').sleepScheduler.triggerManual({ ...c.req.valid('json'), ...c.req.valid('param') }) }, 202),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: `${scope}/sleep/events`,
      operationId: 'emitSleepEvent',
      summary: 'Emit a named event; queues a sleep cycle when the scope registered it as a trigger (task is null otherwise)',
      tags,
      request: { params: scopeParams, body: jsonBody(emitEventSchema.omit({ externalId: true })) },
      responses: { 202: jsonResponse('the queued task, or null', z.object({ task: sleepTaskSchema.nullable() })), ...bodyErrorResponses },
    }),
    async (c) => c.json({ task: (await c.get('mem').sleepScheduler.emitEvent({ ...c.req.valid('json'), ...c.req.valid('param') })) ?? null }, 202),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/v1/sleep/queue',
      operationId: 'pendingSleepCycles',
      summary: "The tenant's queued sleep cycles (in the store, shared by every server), in the order workers take them",
      tags,
      responses: { 200: jsonResponse('the tasks', z.object({ tasks: z.array(sleepTaskSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ tasks: await c.get('mem').sleepScheduler.pending() }, 200),
  );
}
