import { z } from 'zod';
import {
  emitEventSchema,
  registerSleepScopeSchema,
  runSleepCycleSchema,
  triggerManualSchema,
  type EmitEventInput,
  type RegisterSleepScopeInput,
  type RunSleepCycleInput,
  type TriggerManualInput,
} from '../../model/schemas/sleep.js';
import { parseQuery, queryPositiveInt } from './query.js';
import type { Route } from './route.js';
import { scopedInput } from './scope-body.js';

const reportsQuery = z.object({ limit: queryPositiveInt.optional() });
const tag = 'sleep cycle';

export const sleepRoutes: Route[] = [
  {
    method: 'post',
    path: '/v1/scopes/:externalId/sleep',
    operationId: 'runSleepCycle',
    summary: "Run a sleep cycle now: the scope's episodes become semantic facts; returns the report",
    tag,
    body: runSleepCycleSchema.omit({ externalId: true }),
    handle: (r) => r.mem.runSleepCycle(scopedInput<RunSleepCycleInput>(r)),
  },
  {
    method: 'get',
    path: '/v1/scopes/:externalId/sleep/reports',
    operationId: 'getSleepReports',
    summary: 'Reports of finished sleep cycles, newest first',
    tag,
    query: reportsQuery,
    handle: async (r) => ({ reports: await r.mem.getSleepReports({ externalId: r.params.externalId!, ...parseQuery(reportsQuery, r.query) }) }),
  },
  {
    method: 'put',
    path: '/v1/scopes/:externalId/sleep/triggers',
    operationId: 'registerSleepTriggers',
    summary: "Set the scope's sleep-cycle triggers (interval, episode or byte quota, events) checked by the server's sleep service",
    tag,
    body: registerSleepScopeSchema.omit({ externalId: true }),
    handle: async (r) => {
      r.mem.sleepScheduler.registerScope(scopedInput<RegisterSleepScopeInput>(r));
      return { registered: true };
    },
  },
  {
    method: 'post',
    path: '/v1/scopes/:externalId/sleep/queue',
    operationId: 'queueSleepCycle',
    summary: "Queue a manual sleep cycle for the server's worker (POST /sleep runs one and waits instead)",
    tag,
    body: triggerManualSchema.omit({ externalId: true }),
    status: 202,
    handle: async (r) => ({ task: r.mem.sleepScheduler.triggerManual(scopedInput<TriggerManualInput>(r)) }),
  },
  {
    method: 'post',
    path: '/v1/scopes/:externalId/sleep/events',
    operationId: 'emitSleepEvent',
    summary: 'Emit a named event; queues a sleep cycle when the scope registered it as a trigger (task is null otherwise)',
    tag,
    body: emitEventSchema.omit({ externalId: true }),
    status: 202,
    handle: async (r) => ({ task: r.mem.sleepScheduler.emitEvent(scopedInput<EmitEventInput>(r)) ?? null }),
  },
  {
    method: 'get',
    path: '/v1/sleep/queue',
    operationId: 'pendingSleepCycles',
    summary: "The tenant's queued sleep-cycle tasks, in the order the worker takes them",
    tag,
    handle: async (r) => ({ tasks: r.mem.sleepScheduler.pending() }),
  },
];
